package maraude.core.triage;

/**
 * A campaign's outcome: recipients seen in the archive (an outbound message on its platform within the
 * send spread after its date), those who replied within the attribution window, and the response rate
 * over the declared recipient count (or the seen recipients when none was declared).
 */
public record CampaignResult(Campaign campaign, int recipientsSeen, int replied, int denominator) {

    /** replied / denominator, or NaN without recipients. */
    public double responseRate() {
        return denominator == 0 ? Double.NaN : (double) replied / denominator;
    }
}
