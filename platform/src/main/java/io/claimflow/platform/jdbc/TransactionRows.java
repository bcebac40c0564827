package io.claimflow.platform.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a transaction appends to one table, written together just before it commits: one statement per transaction
 * (a listener batch's transaction, say) instead of one per row (issue 22). For append-only rows that the transaction
 * does not read back, such as status history or event records; a read in the same transaction that must see them
 * calls {@link #flush()} first. The writer gets the rows in the order they were added and writes them in one
 * statement (a multi-row insert, an {@code unnest} or a JDBC batch).
 *
 * <p>Outside a transaction with synchronization the rows are written at once. A failing write fails the commit, so
 * the transaction rolls back with everything it did, as a failing immediate insert would have made it; rows of a
 * transaction that rolls back are never written. A transaction suspended for an inner one keeps its rows apart from
 * the inner one's.
 *
 * <pre>{@code
 * private final TransactionRows<StatusChange> history = new TransactionRows<>(rows -> jdbc.sql(INSERT_MANY) ...);
 * ...
 * history.add(change); // in the handler's transaction
 * }</pre>
 *
 * @param <T> one row
 */
public final class TransactionRows<T> {

    private final Consumer<List<T>> writer;

    /** @param writer writes the rows it is given (never empty) in one statement */
    public TransactionRows(Consumer<List<T>> writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Adds a row to the current transaction's rows, or writes it now when there is no transaction. */
    public void add(T row) {
        addAll(List.of(row));
    }

    /** Adds rows to the current transaction's rows, or writes them now when there is no transaction. */
    public void addAll(Collection<? extends T> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            writer.accept(List.copyOf(rows));
            return;
        }
        Pending pending = pending();
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.rows.addAll(rows);
    }

    /** Writes the current transaction's rows now (for a read that must see them); later rows wait for the commit. */
    public void flush() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            Pending pending = pending();
            if (pending != null) {
                pending.write();
            }
        }
    }

    /** How many rows the current transaction holds back (0 without a transaction). */
    public int pendingRows() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return 0;
        }
        Pending pending = pending();
        return pending == null ? 0 : pending.rows.size();
    }

    // this instance's rows of the current transaction (a suspended outer transaction's synchronizations are not listed)
    private Pending pending() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof TransactionRows<?>.Pending pending && pending.owner() == this) {
                @SuppressWarnings("unchecked")
                Pending mine = (Pending) pending;
                return mine;
            }
        }
        return null;
    }

    private final class Pending implements TransactionSynchronization {

        private final List<T> rows = new ArrayList<>();

        TransactionRows<T> owner() {
            return TransactionRows.this;
        }

        void write() {
            if (!rows.isEmpty()) {
                List<T> batch = List.copyOf(rows);
                rows.clear();
                writer.accept(batch);
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            write();
        }

        @Override
        public void afterCompletion(int status) {
            rows.clear();
        }

        @Override
        public int getOrder() {
            // before the outbox's rows and anything else unordered: a row here may be what a later write refers to
            return Ordered.HIGHEST_PRECEDENCE + 100;
        }
    }
}
