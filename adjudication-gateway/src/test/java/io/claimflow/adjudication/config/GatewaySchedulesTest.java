package io.claimflow.adjudication.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.claimflow.adjudication.claim.ClaimIntake;
import io.claimflow.adjudication.submission.BatchAssembler;
import io.claimflow.adjudication.submission.InterchangeSender;
import io.claimflow.adjudication.submission.ResponsePoller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * An idle gateway's clock work (issue 22): the timers tick as configured, but the assembler, the sender and the
 * mailbox poller look (a statement, an HTTP call) only when woken by what gives them work, else once per
 * {@code idle.check}. Before, an idle gateway looked every tick: the assembler twice a second, the sender once, the
 * mailboxes every 2 s.
 */
class GatewaySchedulesTest {

    private final BatchAssembler assembler = mock(BatchAssembler.class);
    private final InterchangeSender sender = mock(InterchangeSender.class);
    private final ResponsePoller poller = mock(ResponsePoller.class);
    private final MutableClock clock = new MutableClock();
    private final GatewaySchedules schedules = new GatewaySchedules(
            assembler,
            sender,
            poller,
            new GatewayProperties(
                    null,
                    false,
                    null,
                    null,
                    null,
                    null,
                    null,
                    new GatewayProperties.Idle(Duration.ofSeconds(10), null)),
            clock);

    @Test
    void idleTicksLookOncePerIdleCheckNotEveryTick() {
        when(assembler.queuedPayers()).thenReturn(Map.of());
        // 60 s of ticks: the assembler every 500 ms, the sender every second, the poller every 2 s
        for (int tick = 0; tick < 120; tick++) {
            schedules.assemble();
            if (tick % 2 == 0) {
                schedules.send();
            }
            if (tick % 4 == 0) {
                schedules.poll();
            }
            clock.advance(Duration.ofMillis(500));
        }
        // once at start, then once per 10 s; one read each (was two: the payers due, then whether claims wait)
        verify(assembler, times(6)).queuedPayers();
        verify(assembler, never()).payersDue(anyBoolean());
        verify(sender, times(6)).sendDue();
        verify(poller, times(6)).poll();
    }

    @Test
    void aClaimTakenWakesTheAssemblerAndAnInterchangeWrittenTheSenderAndASendTheMailboxes() {
        when(assembler.queuedPayers()).thenReturn(Map.of("BKHP1", true));
        when(assembler.payersDue(false)).thenReturn(List.of());
        when(assembler.payersDue(true)).thenReturn(List.of());
        when(assembler.assemble(anyString())).thenReturn(Optional.of(7L));
        when(sender.sendDue()).thenReturn(1, 0);
        when(poller.poll()).thenReturn(0);
        // the look at start
        schedules.assemble();
        schedules.send();
        schedules.poll();
        clock.advance(Duration.ofMillis(500));

        schedules.on(new ClaimIntake.ClaimTaken("c-1"));
        schedules.assemble();
        schedules.send();
        clock.advance(Duration.ofSeconds(2));
        schedules.poll();
        clock.advance(Duration.ofSeconds(2));
        schedules.poll();

        verify(assembler, times(2)).assemble("BKHP1");
        verify(sender, times(2)).sendDue();
        // answers are expected after a send: the mailboxes are polled at every tick
        verify(poller, times(3)).poll();
    }

    @Test
    void claimsWaitingThatAreNotDueKeepTheAssemblerLookingWithOneReadATick() {
        when(assembler.queuedPayers()).thenReturn(Map.of("BKHP1", false));
        for (int tick = 0; tick < 4; tick++) {
            schedules.assemble();
            clock.advance(Duration.ofMillis(500));
        }
        verify(assembler, times(4)).queuedPayers();
        verify(assembler, never()).payersDue(anyBoolean());
        verify(assembler, never()).assemble(anyString());
    }

    @Test
    void aPollThatReceivedFilesLooksAgainAtOnceUntilTheMailboxesAreEmpty() {
        // files that arrived while the first look worked (a payer answers as it adjudicates) are taken now, not a
        // poll-interval later
        when(poller.poll()).thenReturn(40, 7, 0);

        schedules.poll();

        verify(poller, times(3)).poll();
    }

    @Test
    void aMailboxThatNeverEmptiesIsLeftForTheNextTickAfterAFewLooks() {
        when(poller.poll()).thenReturn(1);

        schedules.poll();

        verify(poller, times(GatewaySchedules.MAX_LOOKS_PER_POLL)).poll();
    }

    /**
     * The gateway's timers on the scheduler configured in its application.yml: a mailbox poll that takes long (a large
     * 835, a payer's rate limit) holds up neither the assembler nor the sender. With Spring's one scheduler thread it
     * did: at full rate no 837 was assembled for 4-5 s while the poller worked through 835s.
     */
    @Test
    void aLongMailboxPollHoldsUpNeitherTheAssemblerNorTheSender() {
        CountDownLatch pollRelease = new CountDownLatch(1);
        CountDownLatch polling = new CountDownLatch(1);
        when(poller.poll()).thenAnswer(invocation -> {
            polling.countDown();
            pollRelease.await(10, TimeUnit.SECONDS);
            return 0;
        });
        // claims wait that are not due: the assembler looks every tick
        when(assembler.queuedPayers()).thenReturn(Map.of("BKHP1", false));
        when(sender.anyQueued()).thenReturn(true);

        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
                .withPropertyValues(
                        "claimflow.adjudication.batch.poll-interval=20ms",
                        "claimflow.adjudication.send.poll-interval=20ms",
                        "claimflow.adjudication.responses.poll-interval=20ms",
                        "claimflow.adjudication.inbox.poll-interval=1h")
                .withBean(BatchAssembler.class, () -> assembler)
                .withBean(InterchangeSender.class, () -> sender)
                .withBean(ResponsePoller.class, () -> poller)
                .withBean(
                        GatewayProperties.class,
                        () -> new GatewayProperties(null, false, null, null, null, null, null, null))
                .withBean(Clock.class, Clock::systemUTC)
                .withUserConfiguration(Timers.class)
                .run(context -> {
                    try {
                        assertThat(polling.await(10, TimeUnit.SECONDS)).isTrue();
                        // the poll is still blocked: the others keep ticking
                        verify(assembler, timeout(5_000).atLeast(5)).queuedPayers();
                        verify(sender, timeout(5_000).atLeast(5)).anyQueued();
                        assertThat(pollRelease.getCount()).isEqualTo(1);
                    } finally {
                        pollRelease.countDown();
                    }
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @Import(GatewaySchedules.class)
    static class Timers {}

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-12-07T08:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
