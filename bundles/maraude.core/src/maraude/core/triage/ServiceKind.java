package maraude.core.triage;

import java.util.Locale;

import maraude.core.report.Messages;

/**
 * What the service offered in a conversation, as funders count it: a harm-reduction kit sent, a
 * screening proposed, an orientation. A worker tags the conversation; the report counts the tags per
 * period and platform. The order is the report's column order.
 */
public enum ServiceKind {
    /** A harm-reduction parcel (condoms, lubricant, information) sent or handed over. */
    KIT,
    /** Screening (HIV, STI) proposed or booked. */
    SCREENING,
    /** Orientation to care: doctor, PrEP, vaccination, mental health. */
    HEALTH,
    /** Rights and social support: legal questions, papers, social security, debts. */
    RIGHTS,
    /** Shelter or housing. */
    HOUSING,
    /** A meeting: at the office, during outreach, accompanying the person somewhere. */
    MEETING,
    /** Anything else the team counts. */
    OTHER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ServiceKind fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }

    /** The name shown to workers and in reports, in the user's language. */
    public String label() {
        return switch (this) {
            case KIT -> Messages.Service_kit;
            case SCREENING -> Messages.Service_screening;
            case HEALTH -> Messages.Service_health;
            case RIGHTS -> Messages.Service_rights;
            case HOUSING -> Messages.Service_housing;
            case MEETING -> Messages.Service_meeting;
            case OTHER -> Messages.Service_other;
        };
    }
}
