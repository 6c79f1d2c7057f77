package maraude.cli.commands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import maraude.core.triage.ContactFlags;
import maraude.core.triage.ConversationState;
import maraude.core.triage.ServiceOffer;
import maraude.core.triage.TriageState;
import maraude.core.triage.WorkerState;

/**
 * What the team recorded about one conversation and its contact, as {@code triage} and
 * {@code show --json} print it, with its <em>version</em>: a digest of every field a worker can change
 * (the state and when and by whom it was set, the snooze, how many notes and the last one's instant,
 * the services offered, the contact's language and do-not-contact and caution flags with when they
 * were set). Any change by anyone gives another version; a script that read version V and changes the
 * conversation with {@code --expect-version V} is refused if someone changed it since. The same on a
 * local and on a team archive (the team archive's own optimistic concurrency then guards the write).
 * No note or caution text goes into the digest's input, only counts and instants.
 */
record TriageView(String conversationId, String contactId, ConversationState conversation, ContactFlags contact,
        List<ServiceOffer> services) {

    static TriageView of(TriageState st, String conversationId, String contactId) {
        return new TriageView(conversationId, contactId, st.conversation(conversationId), st.contact(contactId),
                st.services(conversationId));
    }

    WorkerState state() {
        return conversation == null ? null : conversation.state();
    }

    int notes() {
        return conversation == null ? 0 : conversation.notes().size();
    }

    /** The kinds of the services offered, oldest first (a kind offered twice is listed twice). */
    List<String> serviceKinds() {
        return services.stream().map(o -> o.kind().key()).toList();
    }

    String version() {
        StringBuilder b = new StringBuilder("v1"); //$NON-NLS-1$
        WorkerState s = state();
        field(b, s == null ? null : s.key());
        if (s != null) {
            field(b, iso(conversation.setAt()));
            field(b, conversation.setBy());
            field(b, iso(conversation.snoozedUntil()));
        }
        field(b, Integer.toString(notes()));
        field(b, notes() == 0 ? null : iso(conversation.notes().get(notes() - 1).at()));
        for (ServiceOffer o : services) {
            field(b, o.id());
        }
        field(b, "contact"); //$NON-NLS-1$
        field(b, Boolean.toString(contact.doNotContact()));
        field(b, Boolean.toString(contact.caution()));
        field(b, contact.language());
        field(b, iso(contact.updatedAt()));
        field(b, contact.updatedBy());
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each field with its length: no value can pass for two. */
    private static void field(StringBuilder b, String value) {
        String v = value == null ? "" : value; //$NON-NLS-1$
        b.append('|').append(value == null ? -1 : v.length()).append(':').append(v);
    }

    /** The fields as printed (the conversation's and contact's ids first when {@code withIds}). */
    Map<String, Object> json(boolean withIds) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withIds) {
            m.put("conversation_id", conversationId); //$NON-NLS-1$
            m.put("contact_id", contactId); //$NON-NLS-1$
        }
        WorkerState s = state();
        m.put("state", s == null ? null : s.key()); //$NON-NLS-1$
        m.put("handled", s == WorkerState.HANDLED); //$NON-NLS-1$
        m.put("set_at", s == null ? null : iso(conversation.setAt())); //$NON-NLS-1$
        m.put("set_by", s == null ? null : conversation.setBy()); //$NON-NLS-1$
        m.put("snoozed_until", s == WorkerState.SNOOZED ? iso(conversation.snoozedUntil()) : null); //$NON-NLS-1$
        m.put("notes", notes()); //$NON-NLS-1$
        m.put("services", serviceKinds()); //$NON-NLS-1$
        m.put("language", contact.language()); //$NON-NLS-1$
        m.put("do_not_contact", contact.doNotContact()); //$NON-NLS-1$
        m.put("version", version()); //$NON-NLS-1$
        return m;
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
