package io.claimflow.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class TransactionRowsTest {

    /** Each call of the writer: the rows of one statement. */
    private final List<List<String>> statements = new ArrayList<>();

    private final TransactionRows<String> rows = new TransactionRows<>(statements::add);
    private final TransactionTemplate transaction = new TransactionTemplate(new NoResourceTransactions());

    @Test
    void aTransactionsRowsAreWrittenInOneStatementJustBeforeItCommits() {
        transaction.executeWithoutResult(status -> {
            rows.add("a");
            rows.addAll(List.of("b", "c"));
            rows.add("d");
            assertThat(statements).as("nothing written before the commit").isEmpty();
            assertThat(rows.pendingRows()).isEqualTo(4);
        });

        assertThat(statements).containsExactly(List.of("a", "b", "c", "d"));
    }

    @Test
    void aRolledBackTransactionsRowsAreNeverWritten() {
        transaction.executeWithoutResult(status -> {
            rows.add("a");
            status.setRollbackOnly();
        });
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    rows.add("b");
                    throw new IllegalStateException("handler failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(statements).isEmpty();
        transaction.executeWithoutResult(status -> rows.add("c"));
        assertThat(statements).as("the next transaction starts with none held").containsExactly(List.of("c"));
    }

    @Test
    void withoutATransactionARowIsWrittenAtOnce() {
        rows.add("a");
        rows.addAll(List.of("b", "c"));
        rows.addAll(List.of());

        assertThat(statements).containsExactly(List.of("a"), List.of("b", "c"));
        assertThat(rows.pendingRows()).isZero();
    }

    @Test
    void flushWritesWhatIsHeldForAReadThatMustSeeItAndLaterRowsWaitForTheCommit() {
        transaction.executeWithoutResult(status -> {
            rows.add("a");
            rows.add("b");
            rows.flush();
            assertThat(statements).containsExactly(List.of("a", "b"));
            rows.flush();
            rows.add("c");
        });

        assertThat(statements).containsExactly(List.of("a", "b"), List.of("c"));
    }

    @Test
    void anInnerTransactionKeepsItsRowsApartFromTheSuspendedOne() {
        TransactionTemplate inner = new TransactionTemplate(transaction.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        transaction.executeWithoutResult(status -> {
            rows.add("outer-1");
            inner.executeWithoutResult(innerStatus -> rows.add("inner"));
            assertThat(statements).containsExactly(List.of("inner"));
            rows.add("outer-2");
        });

        assertThat(statements).containsExactly(List.of("inner"), List.of("outer-1", "outer-2"));
    }

    @Test
    void twoInstancesHoldTheirRowsApart() {
        List<List<String>> others = new ArrayList<>();
        TransactionRows<String> other = new TransactionRows<>(others::add);

        transaction.executeWithoutResult(status -> {
            rows.add("a");
            other.add("x");
            rows.add("b");
        });

        assertThat(statements).containsExactly(List.of("a", "b"));
        assertThat(others).containsExactly(List.of("x"));
    }

    @Test
    void aFailingWriteFailsTheCommit() {
        TransactionRows<String> failing = new TransactionRows<>(batch -> {
            throw new IllegalStateException("constraint violated");
        });

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> failing.add("a")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("constraint violated");
    }

    /** Transactions with synchronization and no resource: enough to drive the synchronization callbacks. */
    static final class NoResourceTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected boolean isExistingTransaction(Object transaction) {
            return false;
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected Object doSuspend(Object transaction) {
            return new Object();
        }

        @Override
        protected void doResume(Object transaction, Object suspendedResources) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {}

        @Override
        protected void doRollback(DefaultTransactionStatus status) {}
    }
}
