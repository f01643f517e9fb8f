package app.lockin.ejb.common;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must happen only once the current transaction has committed (never on a rollback). */
public final class AfterCommit {

    private AfterCommit() {
    }

    /**
     * Runs {@code work} right after the current transaction commits, on the committing thread.
     * Keep it a plain task: no container call happens while the transaction completes.
     */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable work) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }
}
