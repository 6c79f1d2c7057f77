package maraude.archive.maintenance;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.QuarantineFiles;
import maraude.core.archive.RememberedIdentities;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.TriageStoreException;

/**
 * An archive that erases on its own, where its data lives (the team archive: on its servers, the
 * merge forced so the bytes leave every replica's index files). {@link #forget(Archive, String)} and
 * {@link #purge(Archive, Instant)} are the one code path the CLI and the workbench take on such an
 * archive: the erasure itself, then what this machine keeps beside the archive ({@link Archive#files()}:
 * quarantined parts, remembered identities, a local triage state, the queue's readings and snapshot,
 * blurred copies of pictures and the picture reveals' trail),
 * as {@link Retention} does for a local archive.
 */
public interface ArchiveErasure {

    /** The contact, its conversations, their messages, the records about them and attachments only they carried. */
    Retention.Result forgetContact(String contactId);

    /** Messages older than {@code cutoff}, conversations and contacts left without any, and what refers to them. */
    Retention.Result purgeOlderThan(Instant cutoff);

    /**
     * As {@link #purgeOlderThan(Instant)} with a cutoff per platform (a retention policy's): a message of
     * a platform without a cutoff is kept.
     */
    default Retention.Result purgeOlderThan(java.util.Map<maraude.core.model.Platform, Instant> cutoffs) {
        throw new UnsupportedOperationException("no per-platform purge on this archive"); //$NON-NLS-1$
    }

    /** Whether {@code archive} erases on its own (else {@link Retention} works on its local folder). */
    static boolean supports(Archive archive) {
        return archive instanceof ArchiveErasure;
    }

    /**
     * The right to be forgotten on an archive that erases on its own, and in this machine's side files:
     * quarantined parts of the files that gave the person's messages or naming the person, the
     * person's name or number remembered as "us", the local triage state about them, the queue's
     * readings and snapshot. An unknown contact erases nothing and returns {@link Retention.Result#NOTHING}.
     */
    static Retention.Result forget(Archive archive, String contactId) {
        ArchiveErasure erasure = erasure(archive);
        Person p = Person.of(archive, contactId);
        if (!p.known()) {
            return Retention.Result.NOTHING; // nothing to erase: the servers are not even asked
        }
        Retention.Result r = erasure.forgetContact(contactId);
        sideFiles(archive, Set.of(contactId), p.conversations, QuarantineFiles.fromSources(p.sources), p.identifiers,
                p.attachments, true);
        return r;
    }

    /**
     * What {@link #forget(Archive, String)} would erase, erasing nothing (the workbench's confirmation
     * names it): the person's messages and conversations, the attachments of her messages, the team's
     * notes about her (conversation notes and the caution note) in the archive's triage state.
     */
    static Retention.ForgetPreview preview(Archive archive, String contactId) {
        erasure(archive);
        Person p = Person.of(archive, contactId);
        long notes;
        try {
            notes = Retention.notesAbout(maraude.core.triage.ArchiveTriageStates.of(archive).snapshot(), p.conversations,
                    contactId);
        } catch (TriageStoreException e) {
            throw new ArchiveException(Kind.IO, org.eclipse.osgi.util.NLS.bind(Messages.Maintenance_io, archive.location(),
                    e.getClass().getSimpleName()), e);
        }
        return new Retention.ForgetPreview(p.messages, p.conversations.size(), p.attachments.size(), notes, p.contact);
    }

    /** What an archive holds of one person, read through the {@link Archive} interface before an erasure. */
    final class Person {
        boolean contact;
        long messages;
        final Set<String> conversations = new HashSet<>();
        final Set<String> attachments = new HashSet<>();
        /** Source files of her messages (quarantined parts of these files go too). */
        final Set<String> sources = new HashSet<>();
        /** Her names, handles and numbers (quarantined parts and remembered identities naming her go too). */
        final Set<String> identifiers = new HashSet<>();

        private Person() {
        }

        boolean known() {
            return contact || !conversations.isEmpty();
        }

        static Person of(Archive archive, String contactId) {
            Person p = new Person();
            Contact contact = archive.contact(contactId).orElse(null);
            if (contact != null) {
                p.contact = true;
                add(p.identifiers, contact.displayName());
                add(p.identifiers, contact.handle());
            }
            for (Conversation c : archive.conversations()) {
                if (!c.contactId().equals(contactId)) {
                    continue;
                }
                p.conversations.add(c.id());
                add(p.identifiers, c.title());
                for (Message m : archive.messages(c.id())) {
                    p.messages++;
                    m.attachments().forEach(a -> p.attachments.add(a.sha256()));
                    if (m.source() != null) {
                        p.sources.add(m.source().file());
                    }
                    if (m.isInbound()) {
                        add(p.identifiers, m.author());
                    }
                }
            }
            return p;
        }
    }

    /**
     * Retention on an archive that erases on its own, and in this machine's side files: the local
     * triage state about the conversations and contacts gone, quarantined parts older than the
     * cutoff, the queue's readings, and its snapshot when something went.
     */
    static Retention.Result purge(Archive archive, Instant cutoff) {
        ArchiveErasure erasure = erasure(archive);
        return purge(archive, () -> erasure.purgeOlderThan(cutoff), cutoff);
    }

    /**
     * A retention policy (per platform) on an archive that erases on its own, as {@link #purge(Archive,
     * Instant)}: one erasure for every platform's cutoff; quarantined parts older than the latest cutoff
     * go, as {@link Retention#apply} does locally. An empty policy erases nothing.
     */
    static Retention.Result apply(Archive archive, RetentionPolicy policy, Instant now, java.time.ZoneId zone) {
        ArchiveErasure erasure = erasure(archive);
        java.util.Map<maraude.core.model.Platform, Instant> cutoffs = policy.cutoffs(now, zone);
        if (cutoffs.isEmpty()) {
            return Retention.Result.NOTHING;
        }
        Instant latest = cutoffs.values().stream().max(Instant::compareTo).orElseThrow();
        return purge(archive, () -> erasure.purgeOlderThan(cutoffs), latest);
    }

    private static Retention.Result purge(Archive archive, java.util.function.Supplier<Retention.Result> erase,
            Instant quarantineCutoff) {
        Set<String> conversations = new HashSet<>();
        archive.conversations().forEach(c -> conversations.add(c.id()));
        Set<String> contacts = new HashSet<>();
        archive.contacts().forEach(c -> contacts.add(c.id()));
        Retention.Result r = erase.get();
        archive.conversations().forEach(c -> conversations.remove(c.id()));
        archive.contacts().forEach(c -> contacts.remove(c.id()));
        // the purged pictures are not known here: the whole blurred cache goes when anything went (recomputed on demand)
        sideFiles(archive, contacts, conversations, QuarantineFiles.quarantinedBefore(quarantineCutoff.toEpochMilli()), Set.of(),
                null, r.messages() + r.conversations() + r.contacts() > 0);
        return r;
    }

    private static ArchiveErasure erasure(Archive archive) {
        if (archive instanceof ArchiveErasure e) {
            return e;
        }
        throw new IllegalArgumentException("this archive erases through its local folder (Retention)"); //$NON-NLS-1$
    }

    private static void sideFiles(Archive archive, Set<String> contacts, Set<String> conversations,
            Predicate<QuarantineFiles.Item> items, Set<String> identifiers, Set<String> pictures, boolean erasedSomething) {
        ArchiveFiles files = archive.files();
        try {
            if (pictures != null && !pictures.isEmpty()) {
                // blurred copies and scores of her pictures (all of them: a shared one is recomputed on demand)
                Retention.forgetRevealLines(archive.location(), pictures);
                try {
                    maraude.core.archive.BlurredDerivatives.forget(files, pictures);
                } catch (IOException unreadableSecret) {
                    maraude.core.archive.BlurredDerivatives.clear(files);
                }
            } else if (pictures == null && erasedSomething) {
                maraude.core.archive.BlurredDerivatives.clear(files);
            }
            QuarantineFiles.erase(files, items, identifiers);
            RememberedIdentities.forget(files, identifiers);
            if (files.version(TriageStateStore.FILE_NAME) != null && !(contacts.isEmpty() && conversations.isEmpty())) {
                // a triage state kept on this machine before the team's was shared
                TriageStateStore.open(files).forget(contacts, conversations);
            }
            maraude.core.triage.ReadingCache.erase(files);
            if (erasedSomething) {
                maraude.core.triage.QueueSnapshot.erase(files);
            }
        } catch (IOException | TriageStoreException e) {
            // the class only: a message could name a file of the person
            throw new ArchiveException(Kind.IO, org.eclipse.osgi.util.NLS.bind(Messages.Maintenance_io, archive.location(),
                    e.getClass().getSimpleName()), e);
        }
    }

    private static void add(Set<String> into, String value) {
        if (value != null && !value.isBlank()) {
            into.add(value);
        }
    }
}
