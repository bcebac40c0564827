package io.claimflow.localstack;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code ./stack kill|stop|start|restart NAME} on a running stack ({@link StackControl}'s requests): kills, stops and
 * starts one component again with its first command, waited for until ready, and remembers which are down on
 * purpose so that their exit is not reported as a failure.
 */
final class ComponentControl {

    private final StackConfig config;
    private final Components components;
    private final ProcessLauncher launcher;
    private final Readiness readiness;
    private final Postmaster postmaster;
    private final StackProgress out;
    private final Runnable writeEndpoints;
    /** Components stopped or killed through {@link StackControl}: their exit is not reported as a failure. */
    private final Set<String> downOnPurpose = ConcurrentHashMap.newKeySet();

    ComponentControl(
            StackConfig config,
            Components components,
            ProcessLauncher launcher,
            Readiness readiness,
            Postmaster postmaster,
            StackProgress out,
            Runnable writeEndpoints) {
        this.config = config;
        this.components = components;
        this.launcher = launcher;
        this.readiness = readiness;
        this.postmaster = postmaster;
        this.out = out;
        this.writeEndpoints = writeEndpoints;
    }

    boolean downOnPurpose(String name) {
        return downOnPurpose.contains(name);
    }

    /** One {@link StackControl} request, answered with what was done and how long it took. */
    void carryOut(StackControl.Request request) {
        long t0 = System.nanoTime();
        try {
            Components.Component c = components
                    .named(request.name())
                    .orElseThrow(() ->
                            new IllegalArgumentException("no component " + request.name() + " (see ./stack status)"));
            String done = ControlVerbs.run(request.verb(), new ControlVerbs.Actions() {
                @Override
                public String kill() throws InterruptedException {
                    return ComponentControl.this.kill(c);
                }

                @Override
                public String stop() {
                    return stopOnPurpose(c);
                }

                @Override
                public String start() throws Exception {
                    return startAgain(components.named(c.name()).orElseThrow());
                }
            });
            String message = done + " in " + StackProgress.seconds(Duration.ofNanos(System.nanoTime() - t0));
            out.step("[" + c.name() + "] " + message);
            request.answer(true, message);
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            out.line("  [" + request.name() + "] " + request.verb() + " failed: " + message);
            request.answer(false, message);
        }
    }

    /** SIGKILL; for PostgreSQL an immediate shutdown of the postmaster (SIGQUIT) and SIGKILL of its keeper. */
    private String kill(Components.Component c) throws InterruptedException {
        downOnPurpose.add(c.name());
        if (!c.process().isAlive()) {
            return "was not running";
        }
        long pid = c.process().pid();
        if (c.order() == LocalStack.ORDER_POSTGRES) {
            Optional<ProcessHandle> live = postmaster.live();
            c.process().kill();
            return "killed (keeper pid " + pid + " SIGKILL, postmaster " + postmaster.kill(live) + ")";
        }
        c.process().kill();
        if (c.runtime() != null) {
            c.runtime().afterStop(false);
        }
        return "killed (pid " + pid + ", SIGKILL)";
    }

    private String stopOnPurpose(Components.Component c) {
        downOnPurpose.add(c.name());
        stopOne(c, graceOf(c));
        if (c.order() == LocalStack.ORDER_POSTGRES) {
            postmaster.stop(Duration.ofSeconds(20));
        }
        return "stopped";
    }

    /** Starts a stopped or killed component again with its first command, and waits until it is ready. */
    private String startAgain(Components.Component c) throws Exception {
        if (c.process().isAlive()) {
            throw new IllegalStateException(
                    c.name() + " is running (pid " + c.process().pid() + ")");
        }
        if (c.order() == LocalStack.ORDER_POSTGRES) {
            Files.deleteIfExists(config.run().resolve(LocalStack.POSTGRES_READY));
        }
        // a service's archive arguments are chosen anew (map an archive written since, or record with the long grace)
        ChildProcess process = c.runtime() != null
                ? launcher.startAgain(c.name(), c.runtime()::relaunch)
                : launcher.startAgain(c.name());
        components.replace(new Components.Component(c.name(), process, c.address(), c.check(), c.order(), c.runtime()));
        downOnPurpose.remove(c.name());
        Optional<StackConfig.BrokerNode> broker = config.brokerNodes().stream()
                .filter(n -> n.name().equals(c.name()))
                .findFirst();
        if (broker.isPresent()) {
            // ready when the cluster lists this node again (its peers answer meanwhile)
            try (Admin admin = Admin.create(KafkaBroker.adminProperties(config.kafkaBootstrap()))) {
                readiness.awaitKafka(
                        process, broker.get().port(), broker.get().node(), admin, LocalStack.brokerTimeout(config));
            }
        } else if (c.order() == LocalStack.ORDER_POSTGRES) {
            readiness.awaitFile(process, config.run().resolve(LocalStack.POSTGRES_READY), Duration.ofSeconds(180));
            postmaster.record();
        } else if (c.check().startsWith("health:")) {
            readiness.awaitHttp(process, c.check().substring("health:".length()), config.healthTimeout(), true);
        } else if (c.check().startsWith("http:")) {
            readiness.awaitHttp(process, c.check().substring("http:".length()), Duration.ofSeconds(60), false);
        }
        writeEndpoints.run();
        return "started (pid " + process.pid() + "), ready " + StackProgress.seconds(process.uptime())
                + " after its start";
    }

    /** 30 s, or longer for a service writing its class data archive at exit ({@link ServiceRuntime#stopGrace()}). */
    static Duration graceOf(Components.Component c) {
        return c.runtime() != null ? c.runtime().stopGrace() : ServiceRuntime.STOP_GRACE;
    }

    /** Stops one component (SIGTERM, SIGKILL after {@code grace}), saying how it went. */
    void stopOne(Components.Component c, Duration grace) {
        if (!c.process().isAlive()) {
            c.process().stop(grace);
            if (c.runtime() != null) {
                c.runtime().afterStop(c.process().exitValue() != 137);
            }
            return;
        }
        long t0 = System.nanoTime();
        boolean clean = c.process().stop(grace);
        if (c.runtime() != null) {
            // 137: killed (by us or the kernel), possibly in the middle of writing its class data archive
            c.runtime().afterStop(clean && c.process().exitValue() != 137);
        }
        out.line("  [" + c.name() + "] stopped" + (clean ? "" : " (killed after " + grace.toSeconds() + " s)") + " in "
                + StackProgress.seconds(Duration.ofNanos(System.nanoTime() - t0)));
    }
}
