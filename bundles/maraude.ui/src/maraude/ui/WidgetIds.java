package maraude.ui;

import org.eclipse.swt.widgets.Widget;

/**
 * Names given to widgets so that UI tests (and accessibility tools) find them without relying on
 * layout: {@code widget.getData(KEY)}.
 */
public final class WidgetIds {

    public static final String KEY = "maraude.widget"; //$NON-NLS-1$

    public static final String QUEUE_TABLE = "queue.table"; //$NON-NLS-1$
    public static final String PASSPHRASE = "passphrase.field"; //$NON-NLS-1$
    public static final String PASSPHRASE_OK = "passphrase.ok"; //$NON-NLS-1$
    public static final String QUEUE_COUNTERS = "queue.counters"; //$NON-NLS-1$
    public static final String SEARCH_TEXT = "search.text"; //$NON-NLS-1$
    public static final String SEARCH_PLATFORM = "search.platform"; //$NON-NLS-1$
    public static final String SEARCH_SORT = "search.sort"; //$NON-NLS-1$
    public static final String SEARCH_PERIOD = "search.period"; //$NON-NLS-1$
    public static final String SEARCH_COUNT = "search.count"; //$NON-NLS-1$
    public static final String SEARCH_FACETS = "search.facets"; //$NON-NLS-1$
    public static final String SEARCH_TABLE = "search.table"; //$NON-NLS-1$
    public static final String CONVERSATION_HEADER = "conversation.header"; //$NON-NLS-1$
    public static final String CONVERSATION_TEXT = "conversation.text"; //$NON-NLS-1$
    /** The row of services offered in the conversation. */
    public static final String CONVERSATION_SERVICES = "conversation.services"; //$NON-NLS-1$
    /** One service tag (pressing it withdraws it). */
    public static final String CONVERSATION_SERVICE = "conversation.service"; //$NON-NLS-1$
    public static final String CONVERSATION_SERVICE_KIND = "conversation.service.kind"; //$NON-NLS-1$
    public static final String CONVERSATION_SERVICE_ADD = "conversation.service.add"; //$NON-NLS-1$
    /** The scrolled column of a conversation's pictures. */
    public static final String CONVERSATION_PICTURES = "conversation.pictures"; //$NON-NLS-1$
    /** One picture tile (caption, picture, note, button). */
    public static final String CONVERSATION_PICTURE = "conversation.picture"; //$NON-NLS-1$
    /** The canvas a picture is drawn on. */
    public static final String CONVERSATION_PICTURE_IMAGE = "conversation.picture.image"; //$NON-NLS-1$
    /** The button that reveals a picture (and blurs it again). */
    public static final String CONVERSATION_PICTURE_SHOW = "conversation.picture.show"; //$NON-NLS-1$
    public static final String REPLY_PANEL = "reply.panel"; //$NON-NLS-1$
    public static final String REPLY_SUGGESTIONS = "reply.suggestions"; //$NON-NLS-1$
    /** One suggestion's description; {@link #indexed} 0, 1, 2. */
    public static final String REPLY_SUGGESTION = "reply.suggestion"; //$NON-NLS-1$
    /** One suggestion's insert button; {@link #indexed} 0, 1, 2. */
    public static final String REPLY_INSERT = "reply.insert"; //$NON-NLS-1$
    public static final String REPLY_EDITOR = "reply.editor"; //$NON-NLS-1$
    public static final String REPLY_WARNINGS = "reply.warnings"; //$NON-NLS-1$
    public static final String REPLY_USE_OPENING = "reply.useOpening"; //$NON-NLS-1$
    public static final String REPLY_COPY = "reply.copy"; //$NON-NLS-1$
    public static final String REPLY_STATUS = "reply.status"; //$NON-NLS-1$
    public static final String DASHBOARD_SUMMARY = "dashboard.summary"; //$NON-NLS-1$
    public static final String DASHBOARD_TABLE = "dashboard.table"; //$NON-NLS-1$
    public static final String DASHBOARD_PERIOD = "dashboard.period"; //$NON-NLS-1$
    public static final String DASHBOARD_EXPORT = "dashboard.export"; //$NON-NLS-1$
    public static final String DASHBOARD_CHART_BACKLOG = "dashboard.chart.backlog"; //$NON-NLS-1$
    public static final String DASHBOARD_CHART_REPLIES = "dashboard.chart.replies"; //$NON-NLS-1$
    public static final String REGISTER_TABLE = "register.table"; //$NON-NLS-1$
    public static final String REGISTER_FILTER = "register.filter"; //$NON-NLS-1$
    public static final String REGISTER_KIND = "register.kind"; //$NON-NLS-1$
    public static final String IMPORT_LIST = "import.list"; //$NON-NLS-1$
    public static final String IMPORT_PATH = "import.path"; //$NON-NLS-1$
    public static final String IMPORT_ADD_PATH = "import.addPath"; //$NON-NLS-1$
    public static final String IMPORT_US = "import.us"; //$NON-NLS-1$
    public static final String IMPORT_FINISH = "import.finish"; //$NON-NLS-1$
    /** Template editor part. */
    public static final String TEMPLATES_TABLE = "templates.table"; //$NON-NLS-1$
    public static final String TEMPLATES_FILTER_LANGUAGE = "templates.filterLanguage"; //$NON-NLS-1$
    public static final String TEMPLATES_FILTER_CATEGORY = "templates.filterCategory"; //$NON-NLS-1$
    public static final String TEMPLATES_ID = "templates.id"; //$NON-NLS-1$
    public static final String TEMPLATES_TITLE = "templates.title"; //$NON-NLS-1$
    public static final String TEMPLATES_CATEGORY = "templates.category"; //$NON-NLS-1$
    public static final String TEMPLATES_LANGUAGE = "templates.language"; //$NON-NLS-1$
    public static final String TEMPLATES_BULK = "templates.bulk"; //$NON-NLS-1$
    public static final String TEMPLATES_TEXT = "templates.text"; //$NON-NLS-1$
    public static final String TEMPLATES_KEYWORDS = "templates.keywords"; //$NON-NLS-1$
    public static final String TEMPLATES_EXAMPLES = "templates.examples"; //$NON-NLS-1$
    public static final String TEMPLATES_WARNINGS = "templates.warnings"; //$NON-NLS-1$
    public static final String TEMPLATES_STATUS = "templates.status"; //$NON-NLS-1$
    public static final String TEMPLATES_NEW = "templates.new"; //$NON-NLS-1$
    public static final String TEMPLATES_DUPLICATE = "templates.duplicate"; //$NON-NLS-1$
    public static final String TEMPLATES_DELETE = "templates.delete"; //$NON-NLS-1$
    public static final String TEMPLATES_SAVE = "templates.save"; //$NON-NLS-1$
    public static final String TEMPLATES_EXPORT = "templates.export"; //$NON-NLS-1$
    public static final String TEMPLATES_IMPORT = "templates.import"; //$NON-NLS-1$
    public static final String SOURCES_TABLE = "sources.table"; //$NON-NLS-1$
    public static final String SOURCES_STATUS = "sources.status"; //$NON-NLS-1$
    public static final String SOURCES_PULL = "sources.pull"; //$NON-NLS-1$
    public static final String SOURCES_ADD_FOLDER = "sources.addFolder"; //$NON-NLS-1$
    public static final String SOURCES_REMOVE = "sources.remove"; //$NON-NLS-1$
    public static final String SOURCES_ADD_WEB_INBOX = "sources.addWebInbox"; //$NON-NLS-1$
    public static final String WEB_INBOX_ID = "webInbox.id"; //$NON-NLS-1$
    public static final String WEB_INBOX_PLATFORM = "webInbox.platform"; //$NON-NLS-1$
    public static final String WEB_INBOX_PROFILE = "webInbox.profile"; //$NON-NLS-1$
    public static final String WEB_INBOX_URL = "webInbox.url"; //$NON-NLS-1$
    public static final String WEB_INBOX_USE_LOGIN = "webInbox.useLogin"; //$NON-NLS-1$
    public static final String WEB_INBOX_USE_COOKIE = "webInbox.useCookie"; //$NON-NLS-1$
    public static final String WEB_INBOX_USER = "webInbox.user"; //$NON-NLS-1$
    public static final String WEB_INBOX_PASSWORD = "webInbox.password"; //$NON-NLS-1$
    public static final String WEB_INBOX_COOKIE = "webInbox.cookie"; //$NON-NLS-1$
    public static final String WEB_INBOX_RETENTION = "webInbox.retention"; //$NON-NLS-1$
    public static final String WEB_INBOX_EVERY = "webInbox.every"; //$NON-NLS-1$
    public static final String WEB_INBOX_DELAY = "webInbox.delay"; //$NON-NLS-1$
    public static final String WEB_INBOX_OK = "webInbox.ok"; //$NON-NLS-1$
    public static final String TEAM_ADDRESS = "team.address"; //$NON-NLS-1$
    public static final String TEAM_USER = "team.user"; //$NON-NLS-1$
    public static final String TEAM_PASSWORD = "team.password"; //$NON-NLS-1$
    public static final String TEAM_REMEMBER = "team.remember"; //$NON-NLS-1$
    public static final String TEAM_CONNECT = "team.connect"; //$NON-NLS-1$
    public static final String TEAM_STATUS = "team.status"; //$NON-NLS-1$
    /** The renewed certificate's dialog: where the administrator's new fingerprint is typed, and what it says of it. */
    public static final String TEAM_RENEWED_FINGERPRINT = "team.renewed.fingerprint"; //$NON-NLS-1$
    public static final String TEAM_RENEWED_HINT = "team.renewed.hint"; //$NON-NLS-1$
    public static final String TEAM_RENEWED_REPLACE = "team.renewed.replace"; //$NON-NLS-1$

    private WidgetIds() {
    }

    /** The id of the {@code index}-th of several widgets of one kind, e.g. {@code reply.insert.0}. */
    public static String indexed(String id, int index) {
        return id + '.' + index;
    }

    public static <W extends Widget> W tag(W widget, String id) {
        widget.setData(KEY, id);
        return widget;
    }
}
