package io.claimflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's {@code <home>/run/endpoints.tsv}: one line per running component (name, pid, how to check it,
 * address), tab-separated. The launcher writes it; {@code ./stack status}, {@code ./stack up --demo} and
 * {@code ./stack replay} read it, so they see the ports the stack really uses.
 */
final class Endpoints {

    /** The file's name in the run directory. */
    static final String FILE = "endpoints.tsv";

    /**
     * One component.
     *
     * @param check {@code tcp:host:port}, {@code http:url} (200 is up) or {@code health:url} (a service's actuator)
     */
    record Endpoint(String name, long pid, String check, String address) {

        /** Whether this is a service (checked by its actuator health). */
        boolean service() {
            return check.startsWith("health:");
        }
    }

    private Endpoints() {}

    static String render(List<Endpoint> endpoints) {
        StringBuilder tsv = new StringBuilder();
        for (Endpoint e : endpoints) {
            tsv.append(e.name())
                    .append('\t')
                    .append(e.pid())
                    .append('\t')
                    .append(e.check())
                    .append('\t')
                    .append(e.address())
                    .append('\n');
        }
        return tsv.toString();
    }

    /** The endpoints of the file's lines; lines that are not four columns are skipped. */
    static List<Endpoint> parse(List<String> lines) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String line : lines) {
            String[] cols = line.split("\t");
            if (cols.length >= 4 && cols[1].matches("[0-9]+")) {
                endpoints.add(new Endpoint(cols[0], Long.parseLong(cols[1]), cols[2], cols[3]));
            }
        }
        return endpoints;
    }

    static void write(Path file, List<Endpoint> endpoints) {
        try {
            Files.writeString(file, render(endpoints));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The endpoints in {@code file}.
     *
     * @throws IllegalStateException when there is no such file (the stack is not running)
     */
    static List<Endpoint> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalStateException("the stack is not running (no " + file + ")");
        }
        return parse(Files.readAllLines(file));
    }
}
