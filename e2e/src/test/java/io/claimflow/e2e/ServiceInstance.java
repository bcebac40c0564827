package io.claimflow.e2e;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * One service's Spring Boot application running in this JVM, from its own class loader over
 * {@code <module>/target/classes}: every service has its own {@code application.yml} and {@code db/migration}, which
 * must not meet on one classpath. Libraries (platform, Spring, Kafka, ...) come from the test class path, shared.
 */
final class ServiceInstance implements AutoCloseable {

    private final String module;
    private final URLClassLoader loader;
    private final ConfigurableApplicationContext context;

    private ServiceInstance(String module, URLClassLoader loader, ConfigurableApplicationContext context) {
        this.module = module;
        this.loader = loader;
        this.context = context;
    }

    /**
     * Whether {@code module} has been compiled with {@code mainClass} and has {@code marker} (a file or a non-empty
     * directory; a service shell that has not got its implementation yet has not).
     */
    static boolean available(Path projectDir, String module, String mainClass, String marker) {
        Path classes = classesDir(projectDir, module);
        Path mark = classes.resolve(marker);
        boolean marked;
        try (var entries = Files.isDirectory(mark) ? Files.list(mark) : null) {
            marked = entries == null
                    ? Files.isRegularFile(mark)
                    : entries.findAny().isPresent();
        } catch (java.io.IOException e) {
            marked = false;
        }
        return marked && Files.isRegularFile(classes.resolve(mainClass.replace('.', '/') + ".class"));
    }

    /**
     * Starts {@code mainClass} of {@code module} with {@code arguments}, which as command-line arguments win over the
     * system properties {@code @ClaimFlowInfrastructure} sets for one database.
     */
    static ServiceInstance start(
            Path projectDir,
            String module,
            String mainClass,
            Map<String, String> arguments,
            Map<String, Object> defaults) {
        Path classes = classesDir(projectDir, module);
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(
                    module, new URL[] {classes.toUri().toURL()}, ServiceInstance.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> main = Class.forName(mainClass, true, loader);
            List<String> args = new ArrayList<>();
            arguments.forEach((k, v) -> args.add("--" + k + "=" + v));
            ConfigurableApplicationContext context = new SpringApplicationBuilder(main)
                    .resourceLoader(new DefaultResourceLoader(loader))
                    .properties(defaults)
                    .run(args.toArray(String[]::new));
            return new ServiceInstance(module, loader, context);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(module + " has no " + mainClass, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    String module() {
        return module;
    }

    /** The port the embedded web server listens on. */
    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    String url() {
        return "http://localhost:" + port();
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            context.close();
        } finally {
            thread.setContextClassLoader(previous);
            loader.close();
        }
    }

    private static Path classesDir(Path projectDir, String module) {
        return projectDir.resolve(module).resolve("target").resolve("classes");
    }
}
