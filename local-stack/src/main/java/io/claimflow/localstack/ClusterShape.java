package io.claimflow.localstack;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many Kafka brokers and how many instances of each service the stack runs ({@code --brokers}, {@code
 * --instances}), what they are called and where they listen.
 *
 * <ul>
 *   <li>One broker and one instance (the default) keep the names and ports of a single stack: {@code kafka},
 *       {@code claim-service}.</li>
 *   <li>Otherwise each gets a number: brokers {@code kafka-1 .. kafka-N}, instances {@code claim-service-1 ..
 *       claim-service-N}. Number {@code k} listens on the first one's port plus {@code (k - 1) * portStep}: with the
 *       default step of 100, {@code kafka-2} on 9192 (controller 9193), {@code claim-service-2} on 8192.</li>
 *   <li>Topics are replicated {@code min(3, brokers)} times; with three replicas a write needs two in sync
 *       ({@code min.insync.replicas=2}, producers {@code acks=all}), so one broker may be lost without losing or
 *       refusing a write; with fewer, one.</li>
 * </ul>
 *
 * @param brokers KRaft nodes, each broker and controller in one process (combined mode)
 * @param instances processes per service, sharing the service's consumer groups and database
 * @param portStep distance between the ports of number {@code k} and {@code k + 1}
 */
record ClusterShape(int brokers, int instances, int portStep) {

    /** The single stack: one broker, one instance of each service. */
    static final ClusterShape SINGLE = new ClusterShape(1, 1, 100);

    private static final Pattern NUMBERED = Pattern.compile("(.+)-([1-9][0-9]*)");

    ClusterShape {
        if (brokers < 1 || instances < 1 || portStep < 1) {
            throw new IllegalArgumentException("brokers, instances and port step must be positive");
        }
    }

    /** Whether anything runs more than once. */
    boolean clustered() {
        return brokers > 1 || instances > 1;
    }

    /** Broker {@code node} (1-based): {@code kafka} alone, {@code kafka-<node>} in a cluster. */
    String brokerName(int node) {
        return brokers == 1 ? "kafka" : "kafka-" + node;
    }

    /** Instance {@code number} (1-based) of {@code module}: the module's name alone, or numbered. */
    String instanceName(String module, int number) {
        return instances == 1 ? module : module + "-" + number;
    }

    /** The port of number {@code k} of something whose first one listens on {@code first}. */
    int port(int first, int k) {
        return first + (k - 1) * portStep;
    }

    /** Replicas of every topic: three, or as many brokers as there are when fewer. */
    short replicationFactor() {
        return (short) Math.min(3, brokers);
    }

    /** Replicas a write must reach before it is acknowledged ({@code acks=all}): two of three, else one. */
    int minInsyncReplicas() {
        return replicationFactor() >= 3 ? 2 : 1;
    }

    /**
     * The module a component name belongs to, among {@code modules}: {@code claim-service-2} and {@code claim-service}
     * both give {@code claim-service}; empty for anything else (brokers, PostgreSQL, the registry).
     */
    static Optional<String> moduleOf(String name, Collection<String> modules) {
        if (modules.contains(name)) {
            return Optional.of(name);
        }
        Matcher m = NUMBERED.matcher(name);
        return m.matches() && modules.contains(m.group(1)) ? Optional.of(m.group(1)) : Optional.empty();
    }
}
