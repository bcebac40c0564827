package io.claimflow.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * ClaimFlow's one list of components with their default ports and databases: {@code services.tsv} beside this class
 * (in the source tree {@code local-stack/src/main/resources/io/claimflow/localstack/services.tsv}), which
 * {@code ./stack} reads too. Everything else that names a port (docker-compose.yml, the services' application.yml
 * defaults) is checked against it by ServiceRegistryTest.
 */
final class ServiceRegistry {

    /** The registry's resource path. */
    static final String RESOURCE = "services.tsv";

    /** One component: infrastructure (Kafka, PostgreSQL, the schema registry) or a service module. */
    record Entry(String name, boolean service, int port, String database) {}

    private final List<Entry> entries;

    private ServiceRegistry(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The registry shipped with the launcher. */
    static ServiceRegistry load() {
        try (InputStream in = ServiceRegistry.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the launcher's classpath");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceRegistry parse(Reader reader) {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(reader)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4 || !(f[1].equals("infra") || f[1].equals("service")) || !f[2].matches("[0-9]{2,5}")) {
                    throw new IllegalStateException(RESOURCE + " line " + number
                            + ": needs name, infra|service, port, database (tab-separated)");
                }
                entries.add(new Entry(
                        f[0], f[1].equals("service"), Integer.parseInt(f[2]), f[3].equals("-") ? null : f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceRegistry(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    /** The service modules, in the registry's order. */
    List<Entry> services() {
        return entries.stream().filter(Entry::service).toList();
    }

    /** The default port of {@code name}. */
    int port(String name) {
        return entries.stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component " + name + " in " + RESOURCE))
                .port();
    }

    /** The services' databases, in the registry's order. */
    List<String> databases() {
        return services().stream().map(Entry::database).filter(d -> d != null).toList();
    }

    /** Default port by name, for messages. */
    Map<String, Integer> ports() {
        return entries.stream()
                .collect(Collectors.toMap(Entry::name, Entry::port, (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
