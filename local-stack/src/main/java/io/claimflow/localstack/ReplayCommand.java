package io.claimflow.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimflow.schemas.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Re-drives dead letters once their cause is fixed ({@code ./stack replay}): for each chosen service, the dead
 * letters its own consumer group left on each topic's dead-letter topic are read and replayed through that
 * service's platform REST ({@code GET /admin/dead-letters/{topic}}, {@code POST .../{partition}/{offset}/replay},
 * as ADMIN), which writes each back to the topic and partition it failed on. Consumers are idempotent, so the other
 * groups on that topic ignore what they have already handled.
 *
 * <p>Every replayed letter is written to a journal ({@code --journal}, by default under the stack's data
 * directory) and skipped on the next run, so running the command twice re-drives nothing twice; {@code --again}
 * ignores the journal. A letter that fails again comes back as a new dead letter (with {@code replayedFrom}), and
 * is replayed by the next run only with {@code --again} or {@code --include-replayed}.
 */
public final class ReplayCommand {

    /** The command line (picocli); {@link #parse} turns it into {@link Options}. */
    @Command(
            name = "./stack replay",
            sortOptions = false,
            description = "Re-drives dead letters through the services' dead-letter REST, each letter once.")
    static final class CommandLineOptions {
        @Option(
                names = "--service",
                paramLabel = "NAME",
                description = "a service whose consumer group's dead letters to re-drive (repeatable)")
        List<String> services = new ArrayList<>();

        @Option(names = "--all", description = "every running service that has the dead-letter REST")
        boolean all;

        @Option(
                names = "--topic",
                paramLabel = "T",
                description = "only this topic (repeatable; default: every event topic)")
        List<String> topics = new ArrayList<>();

        @Option(names = "--key", paramLabel = "K", description = "only letters with this record key (an encounter id)")
        String key;

        @Option(names = "--reason", paramLabel = "TEXT", description = "only letters whose reason contains TEXT")
        String reason;

        @Option(
                names = "--since",
                paramLabel = "INSTANT",
                description = "only letters dead-lettered at or after INSTANT (e.g. 2026-12-01T21:00:00Z)")
        Instant since;

        @Option(names = "--include-replayed", description = "also letters that failed again after an earlier replay")
        boolean includeReplayed;

        @Option(names = "--again", description = "ignore the journal of what was replayed before")
        boolean again;

        @Option(names = "--dry-run", description = "list what would be replayed, replay nothing")
        boolean dryRun;

        @Option(
                names = "--user",
                paramLabel = "U",
                defaultValue = "admin",
                description = "ADMIN user (default ${DEFAULT-VALUE})")
        String user;

        @Option(
                names = "--password",
                paramLabel = "P",
                defaultValue = "demo-admin",
                description = "its password (default ${DEFAULT-VALUE})")
        String password;

        @Option(
                names = "--endpoints",
                paramLabel = "FILE",
                description = "the launcher's endpoints.tsv (./stack sets it)")
        Path endpoints;

        @Option(names = "--journal", paramLabel = "FILE", description = "the replay journal (./stack sets it)")
        Path journal;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "this help")
        boolean help;
    }

    static final String USAGE = new CommandLine(new CommandLineOptions()).getUsageMessage();

    record Options(
            List<String> services,
            boolean all,
            List<String> topics,
            String key,
            String reason,
            Instant since,
            boolean includeReplayed,
            boolean again,
            boolean dryRun,
            String user,
            String password,
            Path endpoints,
            Path journal) {}

    /** What one run did, per service and topic. */
    record Outcome(String service, String topic, int listed, int selected, int replayed, int failed) {}

    private final Options options;
    private final PrintStream out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();

    ReplayCommand(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        List<Outcome> outcomes = new ReplayCommand(options, System.out).run();
        System.exit(outcomes.stream().anyMatch(o -> o.failed() > 0) ? 1 : 0);
    }

    static Options parse(String[] args) {
        CommandLineOptions cli = new CommandLineOptions();
        CommandLine commandLine = new CommandLine(cli);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (commandLine.isUsageHelpRequested()) {
            throw new IllegalArgumentException("help");
        }
        List<String> services = cli.services;
        List<String> topics = cli.topics;
        boolean all = cli.all;
        Path endpoints = cli.endpoints;
        Path journal = cli.journal;
        if (services.isEmpty() && !all) {
            throw new IllegalArgumentException("name a service (--service NAME) or --all");
        }
        if (endpoints == null || journal == null) {
            throw new IllegalArgumentException("--endpoints and --journal are required (./stack replay sets them)");
        }
        for (String t : topics) {
            if (!Topics.all().contains(t)) {
                throw new IllegalArgumentException("unknown topic " + t + "; topics: " + Topics.all());
            }
        }
        return new Options(
                List.copyOf(services),
                all,
                topics.isEmpty() ? Topics.all() : List.copyOf(topics),
                cli.key,
                cli.reason,
                cli.since,
                cli.includeReplayed,
                cli.again,
                cli.dryRun,
                cli.user,
                cli.password,
                endpoints,
                journal);
    }

    List<Outcome> run() throws IOException, InterruptedException {
        Map<String, String> urls = serviceUrls();
        List<String> chosen = new ArrayList<>(options.services());
        if (options.all()) {
            urls.keySet().stream().filter(s -> !chosen.contains(s)).forEach(chosen::add);
        }
        Set<String> journal = readJournal();
        List<Outcome> outcomes = new ArrayList<>();
        for (String service : chosen) {
            String url = urls.get(service);
            if (url == null) {
                if (!options.all()) {
                    out.println("replay: " + service + " is not running (see ./stack status)");
                    outcomes.add(new Outcome(service, "-", 0, 0, 0, 1));
                }
                continue;
            }
            for (String topic : options.topics()) {
                Outcome outcome = replay(service, url, topic, journal);
                if (outcome != null) {
                    outcomes.add(outcome);
                }
            }
        }
        out.printf(
                Locale.ROOT,
                "%-26s %-22s %8s %9s %9s %7s%n",
                "SERVICE",
                "TOPIC",
                "LETTERS",
                "SELECTED",
                options.dryRun() ? "WOULD" : "REPLAYED",
                "FAILED");
        for (Outcome o : outcomes) {
            out.printf(
                    Locale.ROOT,
                    "%-26s %-22s %8d %9d %9d %7d%n",
                    o.service(),
                    o.topic(),
                    o.listed(),
                    o.selected(),
                    o.replayed(),
                    o.failed());
        }
        out.printf(
                Locale.ROOT,
                "replay: %d dead letter(s) %s%n",
                outcomes.stream().mapToInt(Outcome::replayed).sum(),
                options.dryRun() ? "would be replayed (dry run)" : "replayed");
        return outcomes;
    }

    /** One service's dead letters on one topic; null when the service has no dead-letter REST. */
    private Outcome replay(String service, String url, String topic, Set<String> journal)
            throws IOException, InterruptedException {
        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(url + "/admin/dead-letters/"
                        + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "?limit=" + 1000))
                .GET());
        if (list.statusCode() == 404 && !list.body().contains("Dead letter")) {
            return null; // no dead-letter endpoint (e.g. the payer simulator)
        }
        if (list.statusCode() != 200) {
            out.println(
                    "replay: " + service + " " + topic + ": HTTP " + list.statusCode() + " " + oneLine(list.body()));
            return new Outcome(service, topic, 0, 0, 0, 1);
        }
        JsonNode letters = json.readTree(list.body());
        int selected = 0;
        int replayed = 0;
        int failed = 0;
        for (JsonNode letter : letters) {
            String id = identity(letter);
            if (!service.equals(letter.path("consumerGroup").asText(null))
                    || (!options.again() && journal.contains(id))
                    || (!options.includeReplayed()
                            && !options.again()
                            && !letter.path("replayedFrom").isNull()
                            && !letter.path("replayedFrom").isMissingNode())
                    || (options.key() != null
                            && !options.key().equals(letter.path("key").asText(null)))
                    || (options.reason() != null
                            && !letter.path("reason").asText("").contains(options.reason()))
                    || (options.since() != null
                            && Instant.parse(letter.path("timestamp").asText()).isBefore(options.since()))) {
                continue;
            }
            selected++;
            String where = letter.path("topic").asText() + "/"
                    + letter.path("partition").asInt() + "/"
                    + letter.path("offset").asLong();
            if (options.dryRun()) {
                out.println(
                        "  would replay " + where + " key " + letter.path("key").asText() + ": "
                                + letter.path("reason").asText());
                replayed++;
                continue;
            }
            HttpResponse<String> done = send(HttpRequest.newBuilder(URI.create(url + "/admin/dead-letters/"
                            + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "/"
                            + letter.path("partition").asInt() + "/"
                            + letter.path("offset").asLong() + "/replay"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            if (done.statusCode() / 100 == 2) {
                JsonNode result = json.readTree(done.body());
                String to = result.path("topic").asText() + "-"
                        + result.path("partition").asInt() + "@"
                        + result.path("offset").asLong();
                appendJournal(id + "\t" + Instant.now() + "\t" + service + "\t" + to);
                journal.add(id);
                out.println("  replayed " + where + " key " + letter.path("key").asText() + " to " + to + " ("
                        + letter.path("reason").asText() + ")");
                replayed++;
            } else {
                out.println("  FAILED " + where + ": HTTP " + done.statusCode() + " " + oneLine(done.body()));
                failed++;
            }
        }
        return new Outcome(service, topic, letters.size(), selected, replayed, failed);
    }

    /** A dead letter's identity across wipes: its coordinates and when it was written. */
    static String identity(JsonNode letter) {
        return letter.path("topic").asText() + "/" + letter.path("partition").asInt() + "/"
                + letter.path("offset").asLong() + "@"
                + letter.path("timestamp").asText();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        String auth = Base64.getEncoder()
                .encodeToString((options.user() + ":" + options.password()).getBytes(StandardCharsets.UTF_8));
        return http.send(
                request.header("Authorization", "Basic " + auth)
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * service -> base URL of the running services, from the launcher's endpoints.tsv. Of a service that runs as
     * several instances ({@code claim-service-1}, {@code claim-service-2}) the first listed: each instance serves
     * the same dead-letter topics, so asking two would replay each letter twice.
     */
    private Map<String, String> serviceUrls() throws IOException {
        return serviceUrls(Endpoints.read(options.endpoints()));
    }

    static Map<String, String> serviceUrls(List<Endpoints.Endpoint> endpoints) {
        List<String> modules = StackConfig.ALL_SERVICES.stream()
                .map(StackConfig.ServiceSpec::module)
                .toList();
        Map<String, String> urls = new LinkedHashMap<>();
        endpoints.stream()
                .filter(Endpoints.Endpoint::service)
                .forEach(e -> urls.putIfAbsent(
                        ClusterShape.moduleOf(e.name(), modules).orElse(e.name()), e.address()));
        return urls;
    }

    private Set<String> readJournal() throws IOException {
        Set<String> ids = new HashSet<>();
        if (Files.exists(options.journal())) {
            for (String line : Files.readAllLines(options.journal())) {
                if (!line.isBlank()) {
                    ids.add(line.split("\t", 2)[0]);
                }
            }
        }
        return ids;
    }

    private void appendJournal(String line) throws IOException {
        Files.createDirectories(options.journal().toAbsolutePath().getParent());
        Files.writeString(
                options.journal(),
                line + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
