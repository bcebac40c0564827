package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.claimflow.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request files between {@code ./stack kill|start} and the launcher, and the replay command's choice of dead
 * letters and its journal, against an HTTP server answering like platform's dead-letter REST. (The fault suite runs
 * both against a real stack.)
 */
class ControlAndReplayTest {

    @TempDir
    Path dir;

    @Test
    void aRequestIsTakenOnceAndItsAnswerReachesTheClient() throws Exception {
        CompletableFuture<Optional<String>> reply = CompletableFuture.supplyAsync(() -> {
            try {
                return StackControl.request(dir, "kill coding-service", Duration.ofSeconds(20));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<StackControl.Request> taken = List.of();
        for (int i = 0; i < 200 && taken.isEmpty(); i++) {
            Thread.sleep(50);
            taken = StackControl.take(dir);
        }
        assertThat(taken).singleElement().satisfies(r -> {
            assertThat(r.verb()).isEqualTo("kill");
            assertThat(r.name()).isEqualTo("coding-service");
        });
        assertThat(StackControl.take(dir)).as("taken once").isEmpty();
        taken.get(0).answer(true, "killed (pid 42, SIGKILL)");
        assertThat(reply.get()).contains("ok killed (pid 42, SIGKILL)");
    }

    @Test
    void replaysOnlyTheServicesOwnLettersOnceAndKeepsAJournal() throws Exception {
        String topic = Topics.PAYMENT_POSTED;
        String letters = "[" + letter(topic, 0, 7, "enc-1", "claim-service", null) + ","
                + letter(topic, 1, 3, "enc-2", "patient-billing-service", null) + ","
                + letter(topic, 2, 9, "enc-3", "claim-service", Topics.dlt(topic) + "/0/1") + "]";
        List<String> replayed = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/admin/dead-letters/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            int status = 200;
            if (!"Basic YWRtaW46ZGVtby1hZG1pbg=="
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = new byte[0];
            } else if (path.endsWith("/replay")) {
                replayed.add(path);
                body = ("{\"topic\":\"" + topic + "\",\"partition\":0,\"offset\":100}")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                body = (path.endsWith("/" + topic) ? letters : "[]").getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path endpoints = dir.resolve("endpoints.tsv");
            Files.writeString(
                    endpoints,
                    "kafka\t1\ttcp:127.0.0.1:9092\tlocalhost:9092\n"
                            + "claim-service\t2\thealth:http://x/actuator/health\thttp://127.0.0.1:"
                            + server.getAddress().getPort() + "\n");
            Path journal = dir.resolve("data/replayed.tsv");
            String[] args = {
                "--service", "claim-service", "--endpoints", endpoints.toString(), "--journal", journal.toString()
            };

            List<ReplayCommand.Outcome> first = run(args);
            assertThat(replayed).containsExactly("/admin/dead-letters/" + topic + "/0/7/replay");
            assertThat(first)
                    .filteredOn(o -> o.topic().equals(topic))
                    .singleElement()
                    .satisfies(o -> assertThat(o.replayed()).isEqualTo(1));
            assertThat(Files.readString(journal)).startsWith(Topics.dlt(topic) + "/0/7@");

            run(args);
            assertThat(replayed).as("the journal keeps it from going twice").hasSize(1);

            List<String> again = List.of("--again", "--include-replayed");
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), again.stream())
                    .toArray(String[]::new);
            run(all);
            assertThat(replayed).hasSize(3).contains("/admin/dead-letters/" + topic + "/2/9/replay");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesAnUnknownTopicAndAMissingService() {
        assertThatThrownBy(() -> ReplayCommand.parse(
                        new String[] {"--all", "--topic", "nope", "--endpoints", "e", "--journal", "j"}))
                .hasMessageContaining("unknown topic nope");
        assertThatThrownBy(() -> ReplayCommand.parse(new String[] {"--endpoints", "e", "--journal", "j"}))
                .hasMessageContaining("--service NAME");
    }

    private static List<ReplayCommand.Outcome> run(String[] args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return new ReplayCommand(ReplayCommand.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8)).run();
    }

    private static String letter(
            String topic, int partition, long offset, String key, String group, String replayedFrom) {
        return "{\"topic\":\"" + Topics.dlt(topic) + "\",\"partition\":" + partition + ",\"offset\":" + offset
                + ",\"timestamp\":\"2026-12-01T21:00:00Z\",\"key\":\"" + key + "\",\"originalTopic\":\"" + topic
                + "\",\"consumerGroup\":\"" + group + "\",\"reason\":\"not retryable: test\",\"replayedFrom\":"
                + (replayedFrom == null ? "null" : "\"" + replayedFrom + "\"") + ",\"valueSize\":10}";
    }
}
