package io.claimflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.platform.PlatformTest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** Consumer idempotency marks. */
@PlatformTest
class ProcessedEventsTest {

    @Autowired
    ProcessedEvents processedEvents;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anEventIsNewOncePerConsumer() {
        UUID eventId = UUID.randomUUID();

        assertThat(mark("claim-service.coded", eventId)).isTrue();
        assertThat(mark("claim-service.coded", eventId)).isFalse();
        assertThat(mark("patient-billing.coded", eventId)).isTrue();
        Boolean byString =
                transactions.execute(status -> processedEvents.markIfNew("claim-service.coded", eventId.toString()));
        assertThat(byString).isFalse();
    }

    @Test
    void aMarkRollsBackWithTheHandlersTransaction() {
        UUID eventId = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            assertThat(processedEvents.markIfNew("claim-service.coded", eventId))
                    .isTrue();
            status.setRollbackOnly();
        });

        assertThat(mark("claim-service.coded", eventId)).isTrue();
    }

    @Test
    void aBatchOfMarksReturnsTheEventsNotSeenBeforeOnceEach() {
        UUID seen = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        UUID twice = UUID.randomUUID();
        assertThat(mark("claim-service.coded", seen)).isTrue();

        Set<UUID> recorded = transactions.execute(
                status -> processedEvents.markAllIfNew("claim-service.coded", List.of(seen, fresh, twice, twice)));

        assertThat(recorded).containsExactlyInAnyOrder(fresh, twice);
        assertThat(mark("claim-service.coded", fresh)).isFalse();
        assertThat(mark("claim-service.coded", twice)).isFalse();
        assertThat(mark("patient-billing.coded", fresh)).isTrue();
        Set<UUID> none = transactions.execute(status -> processedEvents.markAllIfNew("claim-service.coded", List.of()));
        assertThat(none).isEmpty();
    }

    @Test
    void aBatchOfMarksRollsBackWithTheTransaction() {
        UUID eventId = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            assertThat(processedEvents.markAllIfNew("claim-service.coded", List.of(eventId)))
                    .containsExactly(eventId);
            status.setRollbackOnly();
        });

        assertThat(mark("claim-service.coded", eventId)).isTrue();
        assertThatThrownBy(() -> processedEvents.markAllIfNew("claim-service.coded", List.of(UUID.randomUUID())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void refusesToWorkOutsideATransactionOrWithoutAnId() {
        assertThatThrownBy(() -> processedEvents.markIfNew("claim-service.coded", UUID.randomUUID()))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> transactions.execute(status -> processedEvents.markIfNew("c", "not-a-uuid")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private boolean mark(String consumerId, UUID eventId) {
        return transactions.execute(status -> processedEvents.markIfNew(consumerId, eventId));
    }
}
