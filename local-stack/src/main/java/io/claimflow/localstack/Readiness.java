package io.claimflow.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * Waiting for a started process to be ready: Kafka answering for its cluster, a file PostgreSQL's keeper writes,
 * an HTTP 200 (for a service's health: saying UP). A wait ends with a {@link LocalStack.StartupException} naming the
 * process's log and its last lines when the process exits or the time is up, and with {@link LocalStack.Aborted}
 * when the launcher is stopping (Ctrl-C).
 */
final class Readiness {

    private final HttpClient http;
    private final BooleanSupplier stopping;

    Readiness(HttpClient http, BooleanSupplier stopping) {
        this.http = http;
        this.stopping = stopping;
    }

    /**
     * Until broker {@code nodeId} listens on {@code port} and the cluster (asked through {@code admin}, any broker)
     * lists it among its nodes, at most {@code timeout} (a broker killed with -9 first recovers its logs, which on a
     * loaded machine may take longer than its first start did).
     */
    void awaitKafka(ChildProcess kafka, int port, int nodeId, Admin admin, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            checkRunning(kafka);
            if (Ports.listening(port)) {
                try {
                    if (admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream()
                            .anyMatch(n -> n.id() == nodeId)) {
                        return;
                    }
                } catch (Exception e) {
                    // not ready yet
                }
            }
            if (System.nanoTime() > deadline) {
                throw new LocalStack.StartupException(kafka.name() + " did not become ready in " + timeout.toSeconds()
                        + " s, see "
                        + LocalStack.display(kafka.log()) + "\n" + kafka.tail(15));
            }
            Thread.sleep(200);
        }
    }

    /** Until {@code ready} exists (PostgreSQL's keeper writes it once the databases are there). */
    void awaitFile(ChildProcess process, Path ready, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(ready)) {
            checkRunning(process);
            if (System.nanoTime() > deadline) {
                throw new LocalStack.StartupException(process.name() + " did not become ready in "
                        + timeout.toSeconds() + " s, see " + LocalStack.display(process.log()) + "\n"
                        + process.tail(15));
            }
            Thread.sleep(200);
        }
    }

    /** Waits for HTTP 200 (and, for health, a body saying UP). */
    void awaitHttp(ChildProcess process, String url, Duration timeout, boolean health) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!httpOk(url, health)) {
            checkRunning(process);
            if (System.nanoTime() > deadline) {
                throw new LocalStack.StartupException(process.name() + " did not answer " + url + " within "
                        + timeout.toSeconds() + " s, see " + LocalStack.display(process.log()) + "\n"
                        + process.tail(15));
            }
            Thread.sleep(250);
        }
    }

    /** Whether {@code url} answers 200 now (and, for health, says UP). */
    boolean httpOk(String url, boolean health) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && (!health || response.body().contains("\"UP\""));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails when the launcher is stopping or {@code process} has exited. */
    void checkRunning(ChildProcess process) {
        if (stopping.getAsBoolean()) {
            throw new LocalStack.Aborted();
        }
        if (!process.isAlive()) {
            throw new LocalStack.StartupException(process.name() + " exited with code " + process.exitValue() + ", see "
                    + LocalStack.display(process.log()) + "\n" + process.tail(20));
        }
    }
}
