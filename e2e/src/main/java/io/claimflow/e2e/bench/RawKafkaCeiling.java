package io.claimflow.e2e.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw ceiling the pipeline is measured against: records of a given size through four consume-and-produce hops
 * on the same broker (hop0 -> hop1 -> hop2 -> hop3 -> hop4, like documented -> coded -> submitted -> paid ->
 * posted), with the services' producer settings ({@code acks=all}, idempotent, linger 5 ms) and no work in between.
 * Used by the end-to-end benchmark (e2e tests) and by {@code ./stack bench} ({@link StackBenchCommand}).
 */
public final class RawKafkaCeiling {

    /** What one pass measured. */
    public record Result(int records, int recordBytes, double seconds, double perSecond, List<Long> latenciesMillis) {}

    private RawKafkaCeiling() {}

    public static Result measure(String bootstrap, String runId, int records, byte[] value, int partitions)
            throws Exception {
        List<String> topics = new ArrayList<>();
        for (int hop = 0; hop <= 4; hop++) {
            topics.add("claimflow.bench." + runId + ".hop" + hop);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics.stream()
                            .map(t -> new NewTopic(t, partitions, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
        warmUp(bootstrap, topics, partitions);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int hop = 0; hop < 4; hop++) {
            String from = topics.get(hop);
            String to = topics.get(hop + 1);
            Thread relay = new Thread(() -> relay(bootstrap, from, to, running), "ceiling-relay-" + hop);
            relay.start();
            threads.add(relay);
        }
        AtomicInteger arrived = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Thread sink = new Thread(
                () -> {
                    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, topics.get(4) + "-sink")) {
                        consumer.subscribe(List.of(topics.get(4)));
                        while (running.get()) {
                            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                                if (!record.key().startsWith(WARM_UP)) {
                                    latencies.add(System.currentTimeMillis() - record.timestamp());
                                    arrived.incrementAndGet();
                                }
                            }
                        }
                    }
                },
                "ceiling-sink");
        sink.start();
        threads.add(sink);

        long start;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(
                        topics.get(0), null, System.currentTimeMillis(), "enc-" + runId + "-" + i, value));
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (arrived.get() < records && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        if (arrived.get() < records) {
            throw new IllegalStateException("only " + arrived.get() + " of " + records + " records passed 4 hops");
        }
        return new Result(records, value.length, seconds, records / seconds, new ArrayList<>(latencies));
    }

    private static final String WARM_UP = "warm-up-";

    // A freshly created partition refuses appends until its leader is elected; an idempotent producer caught in
    // that window can fail with OutOfOrderSequenceException. One acknowledged record per partition first.
    private static void warmUp(String bootstrap, List<String> topics, int partitions) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String topic : topics) {
            while (true) {
                try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                    List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
                    for (int partition = 0; partition < partitions; partition++) {
                        acks.add(producer.send(
                                new ProducerRecord<>(topic, partition, WARM_UP + partition, new byte[0])));
                    }
                    for (var ack : acks) {
                        ack.get(10, java.util.concurrent.TimeUnit.SECONDS);
                    }
                    break;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    private static void relay(String bootstrap, String from, String to, AtomicBoolean running) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, from + "-relay");
                KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            consumer.subscribe(List.of(from));
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    // the first send time travels along, so the sink sees the whole four-hop latency
                    producer.send(new ProducerRecord<>(to, null, record.timestamp(), record.key(), record.value()));
                }
            }
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String group) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(properties);
    }
}
