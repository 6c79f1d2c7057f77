package maraude.ui;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/** Work the parts do off the UI thread, in a job of a family that tests (and shutdown) can join. */
public final class BackgroundJobs {

    private BackgroundJobs() {
    }

    /** Schedules {@code work} as a system job (no progress dialog) of {@code family}, one of {@link JobFamilies}. */
    public static Job schedule(String name, Object family, Runnable work) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                work.run();
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object f) {
                return JobFamilies.belongsTo(f, family);
            }
        };
        job.setSystem(true);
        job.schedule();
        return job;
    }
}
