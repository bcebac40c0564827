package io.claimflow.localstack;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The command lines of the JVMs the launcher starts: this JDK's {@code java}, the options of that kind of process, the
 * marker that tells the stack's processes from any other ({@code -Dclaimflow.localstack.home=...}), and for the
 * broker, the registry and PostgresMain the launcher's own classpath and the children's logging.
 */
final class JavaCommands {

    static final String CHILD_LOG_CONFIG = "claimflow-local-stack-child-log4j2.xml";

    private final String javaBin;
    private final String marker;
    private final Path logs;
    private final String classPath;

    JavaCommands(String javaBin, String marker, Path logs, String classPath) {
        this.javaBin = javaBin;
        this.marker = marker;
        this.logs = logs;
        this.classPath = classPath;
    }

    /** For this JVM: its {@code java}, its classpath. */
    static JavaCommands ofThisJvm(String marker, Path logs) {
        return new JavaCommands(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                marker,
                logs,
                System.getProperty("java.class.path"));
    }

    /** {@code java <opts> <marker>}: {@code opts} split on white space. */
    List<String> java(String opts) {
        List<String> command = new ArrayList<>();
        command.add(javaBin);
        Arrays.stream(opts.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(command::add);
        command.add(marker);
        return command;
    }

    /** A JVM on the launcher's own classpath (the broker, the registry and PostgresMain live on it). */
    List<String> withClasspath(String opts) {
        List<String> command = java(opts);
        command.add("-Dlog4j2.configurationFile=" + CHILD_LOG_CONFIG);
        command.add("-Dkafka.logs.dir=" + logs);
        command.add("-cp");
        command.add(absolute(classPath));
        return command;
    }

    /** A classpath with each entry made absolute: the children run from the project directory. */
    static String absolute(String classPath) {
        String separator = File.pathSeparator;
        return Arrays.stream(classPath.split(Pattern.quote(separator)))
                .filter(s -> !s.isEmpty())
                .map(s -> Path.of(s).toAbsolutePath().toString())
                .collect(Collectors.joining(separator));
    }
}
