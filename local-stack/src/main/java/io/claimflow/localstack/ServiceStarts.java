package io.claimflow.localstack;

import io.claimflow.localstack.StackConfig.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How each service is started: its jar as built, or (with class data sharing) its jar extracted with a class data
 * archive ({@link ServiceRuntime}), prepared while the infrastructure starts.
 */
final class ServiceStarts {

    private ServiceStarts() {}

    /**
     * Extracts the service jars while the infrastructure starts; each future gives null where the plain jar is to be
     * run. Empty without class data sharing.
     */
    static Map<ServiceSpec, CompletableFuture<ServiceRuntime>> prepare(StackConfig config, String javaBin) {
        Map<ServiceSpec, CompletableFuture<ServiceRuntime>> runtimes = new LinkedHashMap<>();
        if (!config.classDataSharing()) {
            return runtimes;
        }
        Path cache = config.home().resolve("cache/services");
        Path log = config.logs().resolve("service-extract.log");
        for (ServiceSpec spec : config.services()) {
            Path jar = spec.jar(config.projectDir());
            if (Files.isRegularFile(jar)) {
                ServiceRuntime runtime = new ServiceRuntime(spec.module(), jar, cache);
                runtimes.put(spec, CompletableFuture.supplyAsync(() -> runtime.prepare(javaBin, log) ? runtime : null));
            }
        }
        return runtimes;
    }

    /** A service's command: {@code java} and its options, then the prepared runtime's arguments or the plain jar. */
    static List<String> command(List<String> java, ServiceRuntime runtime, Path jar) {
        return command(java, runtime, jar, true);
    }

    /**
     * As {@link #command(List, ServiceRuntime, Path)}; {@code recordArchive} false for a second instance of the
     * service, which maps the class data archive if there is one but never writes it (the first instance does).
     */
    static List<String> command(List<String> java, ServiceRuntime runtime, Path jar, boolean recordArchive) {
        List<String> command = new ArrayList<>(java);
        if (runtime != null) {
            command.addAll(runtime.launchArguments(recordArchive));
        } else {
            command.addAll(List.of("-jar", jar.toString()));
        }
        return command;
    }

    /** What the launcher says of a selected service whose jar is not built. */
    static String missingJar(ServiceSpec spec, Path jar) {
        return "  [" + spec.module() + "] not started: " + StackProgress.display(jar) + " is missing"
                + " (build with ./mvnw -q -B install -DskipTests, or ./stack up --build)";
    }
}
