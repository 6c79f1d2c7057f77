package maraude.archive.crypto;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Locks after a period without activity (default 10 minutes). Plain Java: the workbench calls
 * {@link #touch()} from a display filter on key and mouse events and gets {@code onLock} called (on
 * the timer's thread: hop to the UI thread there) once the period has passed; {@link #lockNow()} is
 * Ctrl+L. {@link #check()} is what the timer runs, public so that tests drive it with their own clock.
 */
public final class IdleLock implements AutoCloseable {

    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);

    private final Keyring keyring;
    private final Runnable onLock;
    private final LongSupplier clockMillis;
    private volatile long idleMillis;
    private volatile long lastActivity;
    private volatile boolean locked;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> task;

    public IdleLock(Keyring keyring, Duration idle, Runnable onLock, LongSupplier clockMillis) {
        this.keyring = keyring;
        this.onLock = onLock;
        this.clockMillis = clockMillis;
        setIdle(idle);
        this.lastActivity = clockMillis.getAsLong();
    }

    public IdleLock(Keyring keyring, Duration idle, Runnable onLock) {
        this(keyring, idle, onLock, System::currentTimeMillis);
    }

    public void setIdle(Duration idle) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("idle period must be positive"); //$NON-NLS-1$
        }
        this.idleMillis = idle.toMillis();
    }

    /** Starts the timer (checks every few seconds). */
    public synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "maraude-idle-lock"); //$NON-NLS-1$
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1000, Math.min(15_000, idleMillis / 10));
            task = timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** User activity: postpones the lock. */
    public void touch() {
        lastActivity = clockMillis.getAsLong();
    }

    /** After the passphrase was given again. */
    public void unlocked() {
        locked = false;
        touch();
    }

    public boolean isLocked() {
        return locked;
    }

    /** Whether the whole idle period passed without activity (a query: locks nothing). */
    public boolean isIdleNow() {
        return !locked && clockMillis.getAsLong() - lastActivity >= idleMillis;
    }

    /** Locks if idle for the whole period; returns whether it locked now. */
    public boolean check() {
        if (!locked && clockMillis.getAsLong() - lastActivity >= idleMillis) {
            lockNow();
            return true;
        }
        return false;
    }

    /** Drops the keys at once and tells the workbench. */
    public void lockNow() {
        locked = true;
        keyring.lock();
        if (onLock != null) {
            onLock.run();
        }
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
