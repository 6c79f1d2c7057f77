package maraude.archive.crypto;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;

import maraude.archive.maintenance.Retention;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Platform;

/**
 * Runs in a child JVM (plain class path, no OSGi) for the kill -9 tests of a protected archive:
 * <ul>
 * <li>{@code import ROOT PASS EVERY}: adds messages forever, committing every EVERY and printing
 * {@code COMMITTED n};</li>
 * <li>{@code rekey ROOT PASS_A PASS_B}: changes the passphrase A→B→A… forever, printing {@code CHANGED k};</li>
 * <li>{@code backup ROOT PASS DEST}: backs up to DEST0, DEST1… forever, printing {@code BACKUP k};</li>
 * <li>{@code purge ROOT PASS}: prints {@code START}, then purges everything older than now;</li>
 * <li>{@code hold ROOT PASS}: opens for writing, prints {@code HOLDING}, waits for stdin to close.</li>
 * <li>{@code restore ROOT PASS BACKUP STEP}: restores BACKUP and halts the JVM (exit 9, as abrupt as a
 * kill: no shutdown hook, nothing flushed) right after step STEP of the restore;</li>
 * <li>{@code restoreloop ROOT PASS BACKUP_A BACKUP_B}: restores A, B, A… forever, printing {@code RESTORED k}.</li>
 * </ul>
 */
public final class ProtectionChild {

    private ProtectionChild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Paths.get(args[1]);
        char[] pass = args[2].toCharArray();
        Keyring keyring = new Keyring(a -> pass.clone());
        ProtectedArchiveFactory f = new ProtectedArchiveFactory(keyring);
        switch (args[0]) {
            case "import" -> {
                int every = Integer.parseInt(args[3]);
                try (Archive a = f.open(root, AccessMode.READ_WRITE)) {
                    ProtectionTestData.Thread t = ProtectionTestData.thread(a, Platform.SIGNAL, "+32470555555", "Kill");
                    for (int i = 0;; i++) {
                        a.addMessage(ProtectionTestData.msg(t, i, ProtectionTestData.T0.plusSeconds(i),
                                "message " + i + " import interrompu", List.of()));
                        if ((i + 1) % every == 0) {
                            a.commit();
                            System.out.println("COMMITTED " + (i + 1));
                            System.out.flush();
                        }
                    }
                }
            }
            case "rekey" -> {
                char[] other = args[3].toCharArray();
                for (int k = 0;; k++) {
                    boolean even = k % 2 == 0;
                    ArchiveProtection.changePassphrase(root, even ? pass : other, even ? other : pass, CheapKdf.PARAMS);
                    System.out.println("CHANGED " + (k + 1));
                    System.out.flush();
                }
            }
            case "backup" -> {
                for (int k = 0;; k++) {
                    ArchiveBackup.backup(root, Paths.get(args[3] + k), keyring, null, CheapKdf.PARAMS);
                    System.out.println("BACKUP " + k);
                    System.out.flush();
                }
            }
            case "purge" -> {
                try (EncryptedStorage st = new EncryptedStorage(root, keyring.keyFor(root))) {
                    System.out.println("START");
                    System.out.flush();
                    Retention.purgeOlderThan(st, Instant.now());
                    System.out.println("DONE");
                    System.out.flush();
                }
            }
            case "hold" -> {
                try (Archive a = f.open(root, AccessMode.READ_WRITE)) {
                    System.out.println("HOLDING");
                    System.out.flush();
                    while (System.in.read() >= 0) {
                        // until the parent closes our stdin
                    }
                }
            }
            case "restore" -> {
                int halt = Integer.parseInt(args[4]);
                ArchiveBackup.restore(Paths.get(args[3]), root, pass.clone(), n -> {
                    if (n == halt) {
                        Runtime.getRuntime().halt(9);
                    }
                });
                System.out.println("RESTORED");
                System.out.flush();
            }
            case "restoreloop" -> {
                for (int k = 0;; k++) {
                    ArchiveBackup.restore(Paths.get(args[3 + k % 2]), root, pass.clone());
                    System.out.println("RESTORED " + (k + 1));
                    System.out.flush();
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
