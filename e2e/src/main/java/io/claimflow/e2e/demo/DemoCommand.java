package io.claimflow.e2e.demo;

import io.claimflow.e2e.workload.Population;
import io.claimflow.e2e.workload.WorkloadGenerator;
import io.claimflow.e2e.workload.WorkloadOptions;
import io.claimflow.e2e.workload.WorkloadPublisher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The live demo against a running stack ({@code ./stack up --demo}): publishes generated encounters at a rate and
 * prints, every few seconds, where they are (documented, coded automatically or held for a coder, claims submitted,
 * rejected, denied by category, sent back to coding, corrected, paid, statements) and the money, read from every
 * service's database, until the pipeline is quiet; then runs a statement run and prints the final summary and the
 * per-visit invariants ({@link VisitInvariants}). Exits 1 when the money does not reconcile or a per-visit
 * invariant is broken.
 *
 * <p>Options: the workload's ({@link WorkloadOptions}) and the ones below; {@code --help} lists them.
 * {@code ./stack up --demo} passes the addresses the stack really uses.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Publishes generated encounters to a running stack and follows them to the money.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    private WorkloadOptions options;

    @Mixin
    private DatabaseOptions databaseOptions;

    @Option(
            names = "--patient-billing",
            paramLabel = "URL",
            defaultValue = "http://localhost:8094",
            description = "patient-billing-service, for the statement run (default: ${DEFAULT-VALUE})")
    private String billing;

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            defaultValue = "3",
            description = "between summaries (default: ${DEFAULT-VALUE})")
    private long intervalSeconds;

    @Option(
            names = "--quiet-after",
            paramLabel = "SECONDS",
            defaultValue = "15",
            description = "how long the pipeline must stay still to be done (default: ${DEFAULT-VALUE})")
    private long quietAfterSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PipelineSnapshot.Databases databases = databaseOptions.databases();
        Duration interval = Duration.ofSeconds(intervalSeconds);
        Duration quietAfter = Duration.ofSeconds(quietAfterSeconds);
        String prefix = "enc-" + options.runId() + "-";

        // the population is what the payer simulator was started with (same seed and size): see ./stack up --demo
        Population population = Population.generate(options.seed(), options.patients(), LocalDate.now());
        WorkloadGenerator generator = new WorkloadGenerator(
                options.seed() ^ options.runId().hashCode(), population, Clock.systemUTC(), options.runId());
        System.out.printf(
                "demo: run %s, %d encounters at %s per second for %d patients; encounters %s*%n",
                options.runId(),
                options.count(),
                options.rate() > 0 ? options.rate() : "full speed",
                options.patients(),
                prefix);

        AtomicInteger published = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread publisherThread = new Thread(
                () -> {
                    try (WorkloadPublisher publisher =
                            new WorkloadPublisher(options.bootstrapServers(), options.schemaRegistry())) {
                        publisher.publish(generator, options.count(), options.rate(), g -> published.incrementAndGet());
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                },
                "demo-publisher");
        publisherThread.start();

        long began = System.nanoTime();
        List<Object> last = null;
        long stableSince = System.nanoTime();
        PipelineSnapshot snapshot;
        while (true) {
            Thread.sleep(interval.toMillis());
            snapshot = PipelineSnapshot.read(databases, prefix);
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(
                    "%n--- %5.0f s  published %d/%d %s%n%s",
                    seconds,
                    published.get(),
                    options.count(),
                    bar(published.get(), options.count()),
                    snapshot.render());
            if (failure.get() != null) {
                System.out.println("demo: publishing failed: " + failure.get());
                break;
            }
            List<Object> progress = snapshot.progress();
            if (!progress.equals(last)) {
                last = progress;
                stableSince = System.nanoTime();
            } else if (!publisherThread.isAlive() && System.nanoTime() - stableSince >= quietAfter.toNanos()) {
                break;
            }
        }
        publisherThread.join();

        String run = statementRun(billing);
        snapshot = PipelineSnapshot.read(databases, prefix);
        System.out.printf(
                "%n=== demo run %s finished after %.0f s; statement run: %s%n%s",
                options.runId(), (System.nanoTime() - began) / 1e9, run, snapshot.render());
        try {
            System.out.println("dead letters (all runs; list and replay them with GET /admin/dead-letters/{topic} on"
                    + " the consuming service): " + DeadLetterCounts.read(options.bootstrapServers()));
        } catch (Exception e) {
            System.out.println(
                    "dead letters: could not ask Kafka (" + e.getClass().getSimpleName() + ")");
        }
        boolean reconciles = snapshot.moneyReconciles();
        System.out.println(
                reconciles
                        ? "money reconciles to the cent: claim-service, gateway 835s and patient ledger agree"
                        : "MONEY DOES NOT RECONCILE: see the three lines above");
        boolean visitsHold = visits(databases, prefix);
        return reconciles && visitsHold && failure.get() == null ? 0 : 1;
    }

    /** Prints the per-visit invariants (ids only) and whether they hold. */
    private static boolean visits(PipelineSnapshot.Databases databases, String prefix) {
        try {
            VisitInvariants.Violations visits = VisitInvariants.check(databases, prefix);
            System.out.print(visits.render());
            if (visits.total() > 0) {
                System.out.println("PER-VISIT INVARIANTS BROKEN: " + visits);
            }
            return visits.total() == 0;
        } catch (java.sql.SQLException e) {
            System.out.println(
                    "per visit: could not read the databases (" + e.getClass().getSimpleName() + ")");
            return false;
        }
    }

    private static String statementRun(String billing) {
        try {
            String auth = Base64.getEncoder()
                    .encodeToString("patient-accounts:demo-patient-accounts".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(billing + "/statement-runs"))
                                    .header("Authorization", "Basic " + auth)
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(60))
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"tenantId\": \"riverside-fm\", \"asOf\": \"" + LocalDate.now() + "\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return "HTTP " + response.statusCode() + " "
                    + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
        } catch (Exception e) {
            return "not run (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String bar(int done, int total) {
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }
}
