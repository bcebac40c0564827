package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.e2e.demo.PipelineSnapshot;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.e2e.workload.WorkloadPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every fault suite does the same way ({@link FaultSuite} in this JVM, {@link ProcessFaultSuite} and
 * {@link ClusterFaultSuite} over a {@link FaultStack}): a table row, publishing a phase's encounters while a fault
 * is injected and healed, and the payer simulator's outage switch.
 */
final class FaultPhases {

    private FaultPhases() {}

    /** One line of a fault table. */
    record Row(
            String fault,
            int inFlight,
            long lost,
            long duplicated,
            long moneyMismatches,
            long visitViolations,
            long deadLetters,
            long replayed,
            double recoverySeconds,
            String note) {

        Row withDeadLetters(long letters, String newNote) {
            return new Row(
                    fault,
                    inFlight,
                    lost,
                    duplicated,
                    moneyMismatches,
                    visitViolations,
                    letters,
                    replayed,
                    recoverySeconds,
                    newNote);
        }
    }

    /** Injecting or healing a fault. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /**
     * A phase's publishing: how many were in flight (published, not finished) when the fault was injected, and when
     * it was healed ({@link System#nanoTime()}).
     */
    record Published(int inFlight, long healedNanos) {}

    /**
     * Publishes {@code count} encounters from {@code generator} at {@code perSecond} on a thread of its own, adding
     * each id to {@code published}; once {@code injectAt} are sent runs {@code inject}, holds {@code holdSeconds},
     * runs {@code heal}, and returns when every encounter is published (failing if publishing failed).
     */
    static Published publishThrough(
            String fault,
            String bootstrap,
            String registry,
            WorkloadGenerator generator,
            int count,
            double perSecond,
            int injectAt,
            PipelineSnapshot.Databases databases,
            String prefix,
            Set<String> published,
            Action inject,
            Action heal,
            int holdSeconds)
            throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<Throwable> publishFailure = new AtomicReference<>();
        Thread publisher = new Thread(
                () -> {
                    try (WorkloadPublisher out = new WorkloadPublisher(bootstrap, registry)) {
                        out.publish(generator, count, perSecond, g -> {
                            published.add(g.event().getEncounterId());
                            sent.incrementAndGet();
                        });
                    } catch (Throwable t) {
                        publishFailure.set(t);
                    }
                },
                "fault-publisher-" + prefix);
        publisher.start();
        while (sent.get() < injectAt && publisher.isAlive()) {
            Thread.sleep(50);
        }
        int inFlight = sent.get() - (int) FaultInvariants.finished(databases, prefix);
        System.out.printf(Locale.ROOT, "%n=== %s (%d published, %d in flight)%n", fault, sent.get(), inFlight);
        inject.run();
        Thread.sleep(holdSeconds * 1000L);
        heal.run();
        long healed = System.nanoTime();
        publisher.join();
        assertThat(publishFailure.get()).as("publishing during " + fault).isNull();
        return new Published(inFlight, healed);
    }

    /** The payer simulator's outage switch at {@code simulator} (HTTP 503 to everything while on). */
    static void outage(HttpClient http, String simulator, boolean down) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(simulator + "/simulator/faults"))
                        .header("Content-Type", "application/json")
                        // the simulator's login (payer-simulator.yml, payer-simulator.auth.*)
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        "gateway:claimflow-payer".getBytes(StandardCharsets.UTF_8)))
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"latencyMillis\": 0, \"errorRate\": 0, \"seed\": 42, \"outage\": " + down
                                        + ", \"malformed835\": false, \"unbalanced835\": false}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode() / 100)
                .as("simulator faults: " + response.body())
                .isEqualTo(2);
    }
}
