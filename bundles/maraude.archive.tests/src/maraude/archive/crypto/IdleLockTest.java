package maraude.archive.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The idle lock on a hand-driven clock: activity postpones, the period locks, Ctrl+L locks at once. */
class IdleLockTest {

    @TempDir
    Path root;

    @Test
    void locksAfterTheIdlePeriodOnlyAndDropsTheKeys() {
        ArchiveProtection.protect(root, ProtectionTestData.pass(), CheapKdf.PARAMS);
        Keyring keyring = new Keyring(a -> null);
        keyring.unlock(root, ProtectionTestData.pass());
        AtomicLong now = new AtomicLong(1_000_000);
        AtomicInteger locks = new AtomicInteger();
        try (IdleLock idle = new IdleLock(keyring, IdleLock.DEFAULT_IDLE, locks::incrementAndGet, now::get)) {
            now.addAndGet(Duration.ofMinutes(9).toMillis());
            assertFalse(idle.check());
            idle.touch(); // activity at 9 min
            now.addAndGet(Duration.ofMinutes(9).toMillis());
            assertFalse(idle.check(), "18 min after start but only 9 since the last activity");
            assertTrue(keyring.isUnlocked(root));
            now.addAndGet(Duration.ofMinutes(1).toMillis());
            assertTrue(idle.check());
            assertTrue(idle.isLocked());
            assertFalse(keyring.isUnlocked(root));
            assertEquals(1, locks.get());
            assertFalse(idle.check(), "locked once, not again and again");

            keyring.unlock(root, ProtectionTestData.pass());
            idle.unlocked();
            idle.lockNow(); // Ctrl+L
            assertFalse(keyring.isUnlocked(root));
            assertEquals(2, locks.get());
        }
    }
}
