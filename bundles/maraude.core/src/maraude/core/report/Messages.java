package maraude.core.report;

import org.eclipse.osgi.util.NLS;

/** Column headings of the funders' report and the names of the services offered (French by default). */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.core.report.messages"; //$NON-NLS-1$

    public static String Report_period_from;
    public static String Report_period_to;
    public static String Report_platform;
    public static String Report_all_platforms;
    public static String Report_contacts_initiated;
    public static String Report_conversations;
    public static String Report_inbound;
    public static String Report_outbound;
    public static String Report_people_replied;
    public static String Report_response_rate;
    public static String Report_median_reply_hours;
    public static String Report_followups_sent;
    public static String Report_unknown_public;
    public static String Report_opt_outs;
    public static String Report_campaign;
    public static String Report_campaign_date;
    public static String Report_campaign_recipients;
    public static String Report_campaign_replies;

    public static String Report_services_offered;

    public static String Service_kit;
    public static String Service_screening;
    public static String Service_health;
    public static String Service_rights;
    public static String Service_housing;
    public static String Service_meeting;
    public static String Service_other;

    public static String Report_sheet_activity;
    public static String Report_sheet_campaigns;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}
