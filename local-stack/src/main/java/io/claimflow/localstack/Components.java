package io.claimflow.localstack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The components the launcher started, in start order: what the shutdown stops, {@code ./stack status} lists and
 * {@code ./stack kill NAME} finds. Thread-safe: the start-up, the watch loop and the shutdown hook share it.
 */
final class Components {

    /** A started process, how to reach it and how to check it; its start order sorts the lists. */
    record Component(
            String name, ChildProcess process, String address, String check, int order, ServiceRuntime runtime) {
        Component(String name, ChildProcess process, String address, String check, int order) {
            this(name, process, address, check, order, null);
        }
    }

    private final List<Component> started = new ArrayList<>();

    /** Adds a started component; false when {@code closed} (shutdown has begun), and it is not added. */
    synchronized boolean add(Component component, boolean closed) {
        if (closed) {
            return false;
        }
        started.add(component);
        return true;
    }

    synchronized Optional<Component> named(String name) {
        return started.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Puts {@code fresh} where the component of the same name was (started again). */
    synchronized void replace(Component fresh) {
        started.replaceAll(c -> c.name().equals(fresh.name()) ? fresh : c);
    }

    /** In start order. */
    synchronized List<Component> snapshot() {
        return List.copyOf(started);
    }

    /** By their order: infrastructure first, then the services. */
    synchronized List<Component> byOrder() {
        List<Component> sorted = new ArrayList<>(started);
        sorted.sort(Comparator.comparingInt(Component::order));
        return sorted;
    }

    /** The services among {@code components} (order {@code servicesFrom} and after): stopped first, together. */
    static List<Component> services(List<Component> components, int servicesFrom) {
        return components.stream().filter(c -> c.order() >= servicesFrom).toList();
    }

    /** The infrastructure among {@code components}, the last started first: stopped after the services. */
    static List<Component> infrastructureLastFirst(List<Component> components, int servicesFrom) {
        return components.stream()
                .filter(c -> c.order() < servicesFrom)
                .sorted(Comparator.comparingInt(Component::order).reversed())
                .toList();
    }
}
