package io.claimflow.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking Confluent Schema Registry's REST API (Avro schemas only), for the local stack and for
 * tests. Schemas, versions and compatibility settings live in a compacted single-partition Kafka topic (default
 * {@value #DEFAULT_TOPIC}), which the registry creates if missing and reads from the beginning on start, so a
 * restart keeps every id and version; a write is answered only after Kafka has acknowledged it (acks=all).
 * Compatibility is checked with Avro's {@code SchemaCompatibility}.
 *
 * <p>Single instance only: the registry reads the topic once at start and afterwards trusts its own writes, so two
 * registries on one topic would hand out the same ids. Production uses Confluent Schema Registry.
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry = SchemaRegistryServer.start("localhost:9092", 0)) {
 *     String url = registry.url(); // http://localhost:<port>
 * }
 * }</pre>
 */
public final class SchemaRegistryServer implements AutoCloseable {

    /** The topic Confluent Schema Registry uses too. */
    public static final String DEFAULT_TOPIC = "_schemas";

    private static final int HTTP_THREADS = 4;

    private final HttpServer http;
    private final ExecutorService executor;
    private final KafkaLog log;
    private final String topic;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SchemaRegistryServer(HttpServer http, ExecutorService executor, KafkaLog log, String topic) {
        this.http = http;
        this.executor = executor;
        this.log = log;
        this.topic = topic;
    }

    /** Where the registry listens and whom it lets in. */
    public record Options(String bindAddress, String basicAuthUserInfo) {

        /** Loopback only, no authentication: tests and embedded use. */
        public static final Options LOOPBACK = new Options(LOOPBACK_ADDRESS, null);

        @Override
        public String toString() {
            return "Options[bindAddress=" + bindAddress + ", basicAuth=" + (basicAuthUserInfo != null) + "]";
        }
    }

    /** The default bind address: this machine only. */
    public static final String LOOPBACK_ADDRESS = "127.0.0.1";

    /** Starts a registry on topic {@value #DEFAULT_TOPIC}, on loopback; port 0 picks a free port. */
    public static SchemaRegistryServer start(String kafkaBootstrapServers, int port) {
        return start(kafkaBootstrapServers, port, DEFAULT_TOPIC);
    }

    /** Starts a registry storing its state in {@code topic}, on loopback, without authentication. */
    public static SchemaRegistryServer start(String kafkaBootstrapServers, int port, String topic) {
        return start(kafkaBootstrapServers, port, topic, Options.LOOPBACK);
    }

    /**
     * Starts a registry storing its state in {@code topic}; port 0 picks a free port. Returns once the topic has been
     * read and the HTTP port is listening.
     *
     * @throws IllegalStateException if Kafka cannot be reached or the topic is unusable
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static SchemaRegistryServer start(String kafkaBootstrapServers, int port, String topic, Options options) {
        ObjectMapper json = new ObjectMapper();
        KafkaLog log = KafkaLog.open(kafkaBootstrapServers, topic);
        ExecutorService executor = null;
        try {
            SchemaRegistry registry = new SchemaRegistry(json, log);
            registry.load();
            String bind = options.bindAddress() == null || options.bindAddress().isBlank()
                    ? LOOPBACK_ADDRESS
                    : options.bindAddress();
            HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 64);
            executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
            http.setExecutor(executor);
            var context = http.createContext("/", new RegistryHttpHandler(registry, json));
            if (options.basicAuthUserInfo() != null
                    && !options.basicAuthUserInfo().isBlank()) {
                context.getFilters().add(new BasicAuthFilter(options.basicAuthUserInfo()));
            }
            http.start();
            SchemaRegistryServer server = new SchemaRegistryServer(http, executor, log, topic);
            Log.LOG.info(
                    "Schema registry ready at {} (listening on {}, {}, topic {}, Kafka {})",
                    server.url(),
                    bind,
                    options.basicAuthUserInfo() == null ? "no authentication" : "HTTP Basic",
                    topic,
                    kafkaBootstrapServers);
            return server;
        } catch (IOException e) {
            closeQuietly(log, executor);
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        } catch (RuntimeException e) {
            closeQuietly(log, executor);
            throw e;
        }
    }

    /** The address and port the registry listens on ({@value #LOOPBACK_ADDRESS} unless configured otherwise). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    /** The port the registry listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The base URL clients use, e.g. {@code http://localhost:8081}. */
    public String url() {
        return "http://localhost:" + port();
    }

    /** The Kafka topic holding the registry's state. */
    public String topic() {
        return topic;
    }

    /** Stops listening, lets running requests finish briefly, and closes the Kafka producer. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        closeQuietly(log, executor);
        Log.LOG.info("Schema registry on port {} stopped", port());
    }

    private static void closeQuietly(KafkaLog log, ExecutorService executor) {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.close();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Runs the registry until SIGTERM. Environment: {@code KAFKA_BOOTSTRAP_SERVERS} (default localhost:9092),
     * {@code SCHEMA_REGISTRY_PORT} (default 8081), {@code SCHEMA_REGISTRY_TOPIC} (default {@value #DEFAULT_TOPIC}),
     * {@code SCHEMA_REGISTRY_BIND_ADDRESS} (default {@value #LOOPBACK_ADDRESS}; {@code 0.0.0.0} for all interfaces),
     * {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO} ({@code user:password}: HTTP Basic required; unset: none).
     */
    public static void main(String[] args) {
        // the jar carries no logback.xml (it would take over the logging of applications embedding it), so the
        // stand-alone process points logback at its own file before the first logger exists
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/claimflow/registry/registry-logback.xml");
        }
        String bootstrap = env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        String topic = env("SCHEMA_REGISTRY_TOPIC", DEFAULT_TOPIC);
        int port;
        try {
            port = Integer.parseInt(env("SCHEMA_REGISTRY_PORT", "8081"));
        } catch (NumberFormatException e) {
            Log.LOG.error("SCHEMA_REGISTRY_PORT is not a number: {}", System.getenv("SCHEMA_REGISTRY_PORT"));
            System.exit(2);
            return;
        }
        SchemaRegistryServer server;
        try {
            server = start(
                    bootstrap,
                    port,
                    topic,
                    new Options(
                            env("SCHEMA_REGISTRY_BIND_ADDRESS", LOOPBACK_ADDRESS),
                            System.getenv("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")));
        } catch (RuntimeException e) {
            Log.LOG.error("Schema registry failed to start", e);
            System.exit(1);
            return;
        }
        // the HTTP dispatcher thread is not a daemon: it keeps the JVM up until the hook closes the server
        // start() has logged the "ready at <url>" line
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "schema-registry-shutdown"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Holds the logger so that loading this class does not initialise logging before main has configured it. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    }
}
