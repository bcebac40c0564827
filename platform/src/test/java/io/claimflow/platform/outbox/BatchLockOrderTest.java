package io.claimflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.platform.PlatformTest;
import io.claimflow.platform.testapp.PlatformTestEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 19, item 13: two batch transactions (two listeners of one service, e.g. PaymentPosted and ClaimDenied, or
 * ClaimSubmitted and PaymentPosted on one patient account) that lock the same rows in opposite record order
 * deadlocked ("deadlock detected": PostgreSQL aborts one, its batch is retried, the log fills). TransactionalBatches
 * now handles a batch's records in a fixed order of their lock key (the record key unless the listener names another,
 * such as the patient account), so every batch takes its row locks in the same order.
 */
@PlatformTest
class BatchLockOrderTest {

    @Autowired
    TransactionalBatches batches;

    @Autowired
    DataSource dataSource;

    JdbcTemplate jdbc;
    String a;
    String b;

    @BeforeEach
    void rows() {
        jdbc = new JdbcTemplate(dataSource);
        a = "a-" + UUID.randomUUID();
        b = "b-" + UUID.randomUUID();
        jdbc.update("INSERT INTO platform_test.lock_order_test (id, n) VALUES (?, 0), (?, 0)", a, b);
    }

    @Test
    void twoBatchesLockingTheSameRowsInOppositeRecordOrderBothCommit() throws Exception {
        List<ConsumerRecord<String, PlatformTestEvent>> forward = records(a, b);
        List<ConsumerRecord<String, PlatformTestEvent>> backward = records(b, a);

        CountDownLatch bothLockedTheirFirstRow = new CountDownLatch(2);
        Consumer<PlatformTestEvent> lockRowOfKey = event -> {
            jdbc.queryForObject(
                    "SELECT n FROM platform_test.lock_order_test WHERE id = ? FOR UPDATE",
                    Integer.class,
                    event.getEncounterId());
            jdbc.update("UPDATE platform_test.lock_order_test SET n = n + 1 WHERE id = ?", event.getEncounterId());
            bothLockedTheirFirstRow.countDown();
            await(bothLockedTheirFirstRow);
        };

        CompletableFuture<Void> one = CompletableFuture.runAsync(
                () -> batches.handle("lock-order-1", forward, PlatformTestEvent.class, lockRowOfKey));
        CompletableFuture<Void> two = CompletableFuture.runAsync(
                () -> batches.handle("lock-order-2", backward, PlatformTestEvent.class, lockRowOfKey));

        one.get(30, TimeUnit.SECONDS);
        two.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.queryForList(
                        "SELECT n FROM platform_test.lock_order_test WHERE id IN (?, ?)", Integer.class, a, b))
                .containsExactly(2, 2);
    }

    @Test
    void aListenerNamesTheLockKeyWhenItIsNotTheRecordKey() throws Exception {
        // records keyed by encounter, rows locked by another key (the patient account): the listener's order key
        List<ConsumerRecord<String, PlatformTestEvent>> forward = records("enc-1", "enc-2");
        List<ConsumerRecord<String, PlatformTestEvent>> backward = records("enc-3", "enc-4");
        java.util.Map<String, String> account = java.util.Map.of("enc-1", a, "enc-2", b, "enc-3", b, "enc-4", a);

        CountDownLatch bothLockedTheirFirstRow = new CountDownLatch(2);
        Consumer<PlatformTestEvent> lockAccount = event -> {
            jdbc.update(
                    "UPDATE platform_test.lock_order_test SET n = n + 1 WHERE id = ?",
                    account.get(event.getEncounterId()));
            bothLockedTheirFirstRow.countDown();
            await(bothLockedTheirFirstRow);
        };

        CompletableFuture<Void> one = CompletableFuture.runAsync(() -> batches.handle(
                "lock-order-3",
                forward,
                PlatformTestEvent.class,
                event -> account.get(event.getEncounterId()),
                lockAccount));
        CompletableFuture<Void> two = CompletableFuture.runAsync(() -> batches.handle(
                "lock-order-4",
                backward,
                PlatformTestEvent.class,
                event -> account.get(event.getEncounterId()),
                lockAccount));

        one.get(30, TimeUnit.SECONDS);
        two.get(30, TimeUnit.SECONDS);
        assertThat(jdbc.queryForList(
                        "SELECT n FROM platform_test.lock_order_test WHERE id IN (?, ?)", Integer.class, a, b))
                .containsExactly(2, 2);
    }

    /**
     * Issue 22: a poll's transaction took every key's lock, waiting, before its first record; one key held by another
     * transaction (another listener's long poll of payments, e.g. a recoded encounter whose denial is being posted)
     * held up every other record of the poll until that transaction committed: on the stack at 50 encounters/s, new
     * claims were submitted in a pile up to 0.8 s late behind an 835's payments. The records of the keys nobody else
     * holds now go first, in a transaction of their own; the held key's records wait for it after them.
     */
    @Test
    void aPollHandlesTheRecordsOfItsFreeKeysWhileAnotherTransactionHoldsOneOfItsKeys() throws Exception {
        String held = "held-" + UUID.randomUUID();
        String first = "free-" + UUID.randomUUID();
        String second = "free-" + UUID.randomUUID();
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            jdbc.query(
                    "SELECT pg_advisory_xact_lock(hashtextextended(?, ?))",
                    rs -> {},
                    held,
                    TransactionalBatches.LOCK_SEED);
            holding.countDown();
            await(release, 30);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        List<String> handled = java.util.Collections.synchronizedList(new ArrayList<>());
        String listener = "free-keys-first-" + UUID.randomUUID();
        CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> batches.handleOnce(
                listener,
                records(first, held, second),
                PlatformTestEvent.class,
                PlatformTestEvent::getEventId,
                event -> handled.add(event.getEncounterId())));

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(marks(listener)).as("committed").isEqualTo(2));
        assertThat(handled).containsExactly(first, second);
        assertThat(poll).as("the held key's record still waits").isNotDone();

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        poll.get(10, TimeUnit.SECONDS);
        assertThat(handled).containsExactly(first, second, held);
        assertThat(marks(listener)).isEqualTo(3);
    }

    private long marks(String consumerId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM claimflow_platform.processed_event WHERE consumer_id = ?",
                Long.class,
                consumerId);
    }

    private static void await(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // Waits until the other batch has its first row too (or a second has passed: once the locks are taken in one
    // order, the other batch waits on the lock and never counts down).
    private static void await(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<ConsumerRecord<String, PlatformTestEvent>> records(String... keys) {
        List<ConsumerRecord<String, PlatformTestEvent>> records = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            PlatformTestEvent event = PlatformTestEvent.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setEncounterId(keys[i])
                    .setInstruction("ok")
                    .build();
            records.add(new ConsumerRecord<>("direct", i, i, keys[i], event));
        }
        return records;
    }
}
