package io.claimflow.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time of a benchmark run went, from a JDK Flight Recording of it ({@code -Dbenchmark.jvm=
 * -XX:StartFlightRecording=filename=...,settings=profile}): execution samples (on CPU) and native-method samples
 * (blocked in native code: socket reads from PostgreSQL and the broker, polls) grouped by thread (which service's
 * listener, relay or poller) and by cause (the first frame of a known library or ClaimFlow layer from the top of
 * the stack). A command: {@code java -cp e2e/target/test-classes io.claimflow.e2e.FlightRecordingSummary <file.jfr>
 * [top]}; prints Markdown.
 */
public final class FlightRecordingSummary {

    private FlightRecordingSummary() {}

    // Most specific first; checked against each frame from the top of the stack down.
    private static final List<Map.Entry<String, String>> CAUSES = List.of(
            Map.entry("org.postgresql.", "JDBC (PostgreSQL driver: statements, commits, socket reads)"),
            Map.entry("com.zaxxer.hikari.", "connection pool"),
            Map.entry("org.flywaydb.", "Flyway"),
            Map.entry("ch.qos.logback.", "logging"),
            Map.entry("org.slf4j.", "logging"),
            Map.entry("org.apache.logging.", "logging"),
            Map.entry("brave.", "tracing"),
            Map.entry("io.micrometer.tracing.", "tracing"),
            Map.entry("io.micrometer.observation.", "observation (tracing/metrics)"),
            Map.entry("io.micrometer.core.", "metrics"),
            Map.entry("org.springframework.security.", "Spring Security"),
            Map.entry("io.claimflow.schemas.serde.", "Avro serde + registry client"),
            Map.entry("org.apache.avro.", "Avro serde + registry client"),
            Map.entry("io.xlate.", "X12 (staedi)"),
            Map.entry("io.claimflow.x12.", "X12 (staedi)"),
            Map.entry("com.fasterxml.jackson.", "JSON (Jackson)"),
            Map.entry("tools.jackson.", "JSON (Jackson)"),
            Map.entry("org.apache.kafka.clients.producer.", "Kafka producer (client)"),
            Map.entry("org.apache.kafka.clients.consumer.", "Kafka consumer (client)"),
            Map.entry("org.apache.kafka.common.network.", "Kafka network (client/broker)"),
            Map.entry("org.apache.kafka.", "Kafka (client/broker other)"),
            Map.entry("kafka.", "Kafka broker"),
            Map.entry("org.apache.catalina.", "HTTP server (Tomcat)"),
            Map.entry("org.apache.coyote.", "HTTP server (Tomcat)"),
            Map.entry("org.apache.tomcat.", "HTTP server (Tomcat)"),
            Map.entry("java.net.http.", "HTTP client"),
            Map.entry("jdk.internal.net.http.", "HTTP client"),
            Map.entry("org.springframework.transaction.", "Spring transactions"),
            Map.entry("org.springframework.jdbc.", "Spring JDBC"),
            Map.entry("org.springframework.kafka.", "Spring Kafka container"),
            Map.entry("io.claimflow.platform.outbox.", "outbox (platform)"),
            Map.entry("io.claimflow.", "ClaimFlow domain/adapters"),
            Map.entry("io.claimflow.e2e.", "benchmark harness"),
            Map.entry("org.springframework.", "Spring other"),
            Map.entry("java.util.regex.", "JDK regex"),
            Map.entry("java.", "JDK other"),
            Map.entry("jdk.", "JDK other"),
            Map.entry("sun.", "JDK other"));

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        System.out.print(summarize(file, top));
    }

    /** The Markdown summary of {@code file}. */
    static String summarize(Path file, int top) throws Exception {
        Map<String, Long> cpuByThread = new TreeMap<>();
        Map<String, Long> cpuByCause = new TreeMap<>();
        Map<String, Map<String, Long>> cpuByThreadCause = new TreeMap<>();
        Map<String, Long> cpuTopFrames = new TreeMap<>();
        Map<String, Long> nativeByThread = new TreeMap<>();
        Map<String, Long> nativeByCause = new TreeMap<>();
        Map<String, Long> appFrames = new TreeMap<>();
        Map<String, Double> cpuSecondsByThread = new TreeMap<>();
        Map<Long, java.time.Instant> lastLoad = new java.util.HashMap<>();
        long cpu = 0;
        long nat = 0;
        int cores = Runtime.getRuntime().availableProcessors();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.ThreadCPULoad") && event.getThread("eventThread") != null) {
                // a thread's share of all cores since its previous event of this kind
                var thread = event.getThread("eventThread");
                java.time.Instant previous = lastLoad.put(thread.getId(), event.getStartTime());
                if (previous != null) {
                    double seconds = java.time.Duration.between(previous, event.getStartTime())
                                    .toNanos()
                            / 1e9;
                    cpuSecondsByThread.merge(
                            threadGroup(String.valueOf(thread.getJavaName())),
                            (event.getFloat("user") + event.getFloat("system")) * cores * seconds,
                            Double::sum);
                }
                continue;
            }
            boolean execution = type.equals("jdk.ExecutionSample");
            if (!execution && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            String thread = threadGroup(
                    event.getThread("sampledThread") == null
                            ? "?"
                            : String.valueOf(event.getThread("sampledThread").getJavaName()));
            String cause = cause(stack);
            if (execution) {
                cpu++;
                cpuByThread.merge(thread, 1L, Long::sum);
                cpuByCause.merge(cause, 1L, Long::sum);
                cpuByThreadCause.computeIfAbsent(thread, t -> new TreeMap<>()).merge(cause, 1L, Long::sum);
                cpuTopFrames.merge(frame(stack.getFrames().get(0)), 1L, Long::sum);
                String app = firstClaimFlowFrame(stack);
                if (app != null) {
                    appFrames.merge(app, 1L, Long::sum);
                }
            } else {
                nat++;
                nativeByThread.merge(thread, 1L, Long::sum);
                nativeByCause.merge(cause, 1L, Long::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Flight recording %s: %d execution samples (on CPU), %d native samples"
                        + " (blocked in native code).%n%n",
                file.getFileName(),
                cpu,
                nat));
        double cpuSeconds = cpuSecondsByThread.values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        out.append(String.format(
                Locale.ROOT,
                "### CPU seconds by thread (jdk.ThreadCPULoad; %.1f s in all)%n%n"
                        + "| thread | CPU s | share |%n| --- | --- | --- |%n",
                cpuSeconds));
        cpuSecondsByThread.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> out.append(String.format(
                        Locale.ROOT,
                        "| %s | %.1f | %.1f%% |%n",
                        e.getKey().replace("|", "\\|"),
                        e.getValue(),
                        100 * e.getValue() / cpuSeconds)));
        out.append('\n');
        table(out, "On CPU by thread (service listener / relay / poller)", cpuByThread, cpu, top);
        table(out, "On CPU by cause (first known frame from the top of the stack)", cpuByCause, cpu, top);
        out.append("### On CPU: top causes per thread\n\n| thread | samples | top causes |\n| --- | --- | --- |\n");
        sorted(cpuByThread).stream().limit(top).forEach(e -> {
            Map<String, Long> causes = cpuByThreadCause.get(e.getKey());
            String text = sorted(causes).stream()
                    .limit(4)
                    .map(c -> String.format(Locale.ROOT, "%s %.0f%%", c.getKey(), 100.0 * c.getValue() / e.getValue()))
                    .collect(Collectors.joining(", "));
            out.append(String.format(Locale.ROOT, "| %s | %d | %s |%n", e.getKey(), e.getValue(), text));
        });
        out.append('\n');
        table(out, "On CPU: top frames", cpuTopFrames, cpu, top);
        table(out, "On CPU: deepest ClaimFlow frame on the stack (which of our code paid)", appFrames, cpu, top);
        table(out, "Blocked in native by thread", nativeByThread, nat, top);
        table(out, "Blocked in native by cause", nativeByCause, nat, top);
        return out.toString();
    }

    private static void table(StringBuilder out, String title, Map<String, Long> counts, long total, int top) {
        out.append("### ").append(title).append("\n\n| what | samples | share |\n| --- | --- | --- |\n");
        for (Map.Entry<String, Long> e : sorted(counts).stream().limit(top).toList()) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f%% |%n",
                    e.getKey().replace("|", "\\|"),
                    e.getValue(),
                    total == 0 ? 0 : 100.0 * e.getValue() / total));
        }
        out.append('\n');
    }

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return entries;
    }

    private static String cause(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> c : CAUSES) {
                if (type.startsWith(c.getKey()) && !c.getValue().startsWith("JDK")) {
                    return c.getValue();
                }
            }
        }
        return "JDK only";
    }

    private static String firstClaimFlowFrame(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("io.claimflow.") && !type.startsWith("io.claimflow.e2e.")) {
                return frame(frame);
            }
        }
        return null;
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    // "claim-service.encounter-coded-0-C-1" -> "claim-service.encounter-coded-C"; pools lose their numbers.
    static String threadGroup(String name) {
        return name.replaceAll("-\\d+", "").replaceAll("#\\d+", "").replaceAll("\\d+$", "");
    }
}
