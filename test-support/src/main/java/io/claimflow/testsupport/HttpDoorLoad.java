package io.claimflow.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load test of an HTTP door of a service started in this JVM, over loopback only (load tests run as a
 * documented command, never in CI): many concurrent requests, oversized bodies (how much the client could send before
 * the answer came, and the heap meanwhile), slow bodies trickled a byte at a time and bodies that stop half way (when
 * the server lets go). Every figure is written into the report the caller prints.
 */
public final class HttpDoorLoad {

    private final int port;
    private final String path;
    private final String contentType;
    private final String authorization;
    private final StringBuilder report = new StringBuilder();

    /** The door {@code POST path} on {@code 127.0.0.1:port}, with HTTP Basic as {@code user}. */
    public HttpDoorLoad(int port, String path, String contentType, String user, String password) {
        this.port = port;
        this.path = path;
        this.contentType = contentType;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** What was measured so far, one line per measurement. */
    public String report() {
        return report.toString();
    }

    /** Adds a line to the report (the limits the door was run with, say). */
    public HttpDoorLoad note(String line) {
        report.append(line).append('\n');
        return this;
    }

    /**
     * The standard load run of a door, sized by {@code -Dloadtest.clients} (32), {@code -Dloadtest.requests} (2000)
     * and {@code -Dloadtest.slow} (50): that many concurrent POSTs of {@code body}, every one answered
     * {@code expectedStatus}; oversized bodies, declared (1 GiB) and chunked, refused with 413 (or the connection
     * closed) before 256 MiB were sent; slow bodies a byte at a time. The report goes to
     * {@code target/load/<reportName>.txt} and standard output, also when an expectation fails.
     */
    public void holdsItsLimits(byte[] body, int expectedStatus, String reportName) throws Exception {
        int clients = Integer.getInteger("loadtest.clients", 32);
        int requests = Integer.getInteger("loadtest.requests", 2000);
        int slowClients = Integer.getInteger("loadtest.slow", 50);
        try {
            Map<Integer, Integer> answers = concurrent(body, clients, requests, Duration.ofSeconds(60));
            expect(
                    answers.keySet().equals(Set.of(expectedStatus)),
                    "every request answered " + expectedStatus + ", got " + answers);
            for (long declared : new long[] {1L << 30, -1}) {
                List<Oversized> refused = oversized(declared, 256L << 20, 16);
                expect(
                        refused.stream().allMatch(r -> r.status() == 413 || r.status() == -1),
                        "oversized bodies (declared " + declared + ") refused with 413 or a close: " + refused);
                expect(
                        refused.stream().allMatch(r -> r.bytesSent() < 256L << 20),
                        "oversized bodies (declared " + declared + ") refused before they were read whole");
                expect(
                        declared < 0 || refused.stream().anyMatch(r -> r.status() == 413),
                        "a declared oversized body gets a 413: " + refused);
            }
            slow(slowClients, 200, Duration.ofSeconds(1), Duration.ofSeconds(45), body);
        } finally {
            Path out = Path.of("target", "load", reportName + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report());
            System.out.print(report());
        }
    }

    private static void expect(boolean held, String what) {
        if (!held) {
            throw new AssertionError("expected " + what);
        }
    }

    /** {@code requests} POSTs of {@code body} from {@code clients} concurrent clients; the answers by status. */
    public Map<Integer, Integer> concurrent(byte[] body, int clients, int requests, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(clients))
                .build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                while (next.getAndIncrement() < requests) {
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = http.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                                .timeout(timeout)
                                                .header("Content-Type", contentType)
                                                .header("Authorization", authorization)
                                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    } catch (IOException e) {
                        status = -1;
                    }
                    latencies.add(System.nanoTime() - sent);
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(timeout.toMillis() * requests, TimeUnit.MILLISECONDS);
        }
        pool.shutdownNow();
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((s, n) -> byStatus.put(s, n.get()));
        List<Long> sorted = new ArrayList<>(latencies);
        sorted.sort(null);
        long p50 = sorted.get(sorted.size() / 2) / 1_000_000;
        long p99 = sorted.get(Math.min(sorted.size() - 1, sorted.size() * 99 / 100)) / 1_000_000;
        note(String.format(
                "concurrent: %d requests of %d bytes from %d clients in %.1f s, %d/s; statuses %s "
                        + "(-1: no answer); latency p50 %d ms, p99 %d ms",
                requests, body.length, clients, millis / 1000.0, requests * 1000L / millis, byStatus, p50, p99));
        return byStatus;
    }

    /** One oversized request: its status, and how much of the body the client could send before the answer. */
    public record Oversized(int status, long bytesSent, long millis) {}

    /**
     * {@code clients} concurrent requests declaring {@code declared} bytes (or chunked when {@code declared} is
     * negative), each writing filler until it gets an answer, the server closes, or {@code sendAtMost} bytes went;
     * the heap's peak above what it was before is noted.
     */
    public List<Oversized> oversized(long declared, long sendAtMost, int clients) throws Exception {
        long before = usedHeapAfterGc();
        resetPeaks();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Oversized>> answers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            answers.add(pool.submit(() -> oneOversized(declared, sendAtMost)));
        }
        List<Oversized> results = new ArrayList<>();
        for (Future<Oversized> f : answers) {
            results.add(f.get(5, TimeUnit.MINUTES));
        }
        pool.shutdownNow();
        long peak = peakHeap();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        results.forEach(r -> byStatus.merge(r.status(), 1, Integer::sum));
        note(String.format(
                "oversized: %d concurrent bodies %s, statuses %s (-1: closed without an answer); the "
                        + "client sent at most %.1f MiB before the answer (of %.1f MiB it would have sent), slowest answer "
                        + "%d ms; heap peak %.0f MiB over the %.0f MiB in use before (in-process server and clients)",
                clients,
                declared < 0 ? "chunked, no Content-Length" : "declaring " + mib(declared) + " MiB",
                byStatus,
                results.stream().mapToLong(Oversized::bytesSent).max().orElse(0) / 1048576.0,
                sendAtMost / 1048576.0,
                results.stream().mapToLong(Oversized::millis).max().orElse(0),
                Math.max(0, peak - before) / 1048576.0,
                before / 1048576.0));
        return results;
    }

    private Oversized oneOversized(long declared, long sendAtMost) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = connect()) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head(declared < 0 ? "Transfer-Encoding: chunked" : "Content-Length: " + declared));
            byte[] filler = new byte[64 * 1024];
            java.util.Arrays.fill(filler, (byte) ' ');
            byte[] chunkHead = (Integer.toHexString(filler.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                while (sent < sendAtMost && in.available() == 0) {
                    if (declared < 0) {
                        out.write(chunkHead);
                        out.write(filler);
                        out.write(new byte[] {'\r', '\n'});
                    } else {
                        out.write(filler);
                    }
                    sent += filler.length;
                }
                out.flush();
            } catch (SocketException e) {
                // the server answered and closed while the client was still sending
            }
            int status = status(in);
            return new Oversized(status, sent, (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * {@code clients} connections each declaring {@code length} bytes and sending one byte every {@code gap}, and
     * one more that sends half its body and then nothing; meanwhile a normal request must still be answered. Notes
     * how long the server kept each kind of connection and what it answered.
     */
    public void slow(int clients, int length, Duration gap, Duration give, byte[] normalBody) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        List<Future<String>> trickles = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            trickles.add(pool.submit(() -> trickle(length, gap, give)));
        }
        Future<String> stalled = pool.submit(this::stall);
        Thread.sleep(1000);
        long normalStart = System.nanoTime();
        Map<Integer, Integer> normal = concurrentQuietly(normalBody);
        long normalMillis = (System.nanoTime() - normalStart) / 1_000_000;
        Map<String, Integer> outcomes = new TreeMap<>();
        for (Future<String> f : trickles) {
            outcomes.merge(f.get(give.toSeconds() + 120, TimeUnit.SECONDS), 1, Integer::sum);
        }
        String stall = stalled.get(5, TimeUnit.MINUTES);
        pool.shutdownNow();
        note(String.format(
                "slow bodies: %d clients trickling a %d-byte body a byte every %d ms (giving up after %d s): "
                        + "%s; meanwhile a normal request: %s in %d ms; a body stopped half way: %s; %.0f s in all",
                clients,
                length,
                gap.toMillis(),
                give.toSeconds(),
                outcomes,
                normal,
                normalMillis,
                stall,
                (System.nanoTime() - start) / 1e9));
    }

    private Map<Integer, Integer> concurrentQuietly(byte[] body) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int status;
        try {
            status = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Content-Type", contentType)
                                    .header("Authorization", authorization)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            status = -1;
        }
        return Map.of(status, 1);
    }

    private String trickle(int length, Duration gap, Duration give) {
        long start = System.nanoTime();
        int sent = 0;
        try (Socket socket = connect()) {
            socket.setSoTimeout((int) gap.toMillis() + 200);
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: " + length));
            out.flush();
            long deadline = start + give.toNanos();
            while (sent < length && System.nanoTime() < deadline) {
                if (socket.getInputStream().available() > 0) {
                    return "answered " + status(socket.getInputStream()) + " after " + sent + " bytes";
                }
                out.write(' ');
                out.flush();
                sent++;
                Thread.sleep(gap.toMillis());
            }
            return sent >= length ? "sent whole" : "still open when the client gave up";
        } catch (IOException e) {
            return "closed by the server";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private String stall() {
        long start = System.nanoTime();
        try (Socket socket = connect()) {
            socket.setSoTimeout(180_000);
            OutputStream out = socket.getOutputStream();
            out.write(head("Content-Length: 2000"));
            out.write(new byte[1000]);
            out.flush();
            int status = status(socket.getInputStream());
            return (status < 0 ? "closed" : "answered " + status) + " by the server after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms";
        } catch (IOException e) {
            return "closed by the server after " + (System.nanoTime() - start) / 1_000_000 + " ms";
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        return socket;
    }

    private byte[] head(String lengthHeader) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + contentType
                        + "\r\nAuthorization: " + authorization + "\r\n" + lengthHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The status of the HTTP answer on {@code in}; -1 when the server closed without one. */
    private static int status(InputStream in) {
        try {
            byte[] line = new byte[12];
            int n = in.readNBytes(line, 0, 12);
            if (n < 12) {
                return -1;
            }
            return Integer.parseInt(new String(line, 9, 3, StandardCharsets.US_ASCII));
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static String mib(long bytes) {
        return String.format("%.0f", bytes / 1048576.0);
    }
}
