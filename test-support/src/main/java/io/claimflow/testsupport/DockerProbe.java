package io.claimflow.testsupport;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;

/** Asks Testcontainers whether a Docker engine answers, giving up quickly instead of waiting out its retries. */
final class DockerProbe {

    private static final String TESTCONTAINERS_LOGGER = "org.testcontainers";
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private DockerProbe() {}

    static boolean dockerAvailable() {
        // Without Docker, Testcontainers logs an ERROR with every strategy it tried; here that is the expected answer.
        boolean silenced = LogLevels.setIfUnset(TESTCONTAINERS_LOGGER, "OFF");
        try {
            return probe();
        } finally {
            if (silenced) {
                LogLevels.unset(TESTCONTAINERS_LOGGER);
            }
        }
    }

    private static boolean probe() {
        FutureTask<Boolean> probe =
                new FutureTask<>(() -> DockerClientFactory.instance().isDockerAvailable());
        Thread thread = new Thread(probe, "claimflow-docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            return Boolean.TRUE.equals(probe.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            thread.interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
