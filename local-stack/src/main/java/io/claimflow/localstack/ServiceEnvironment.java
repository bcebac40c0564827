package io.claimflow.localstack;

import io.claimflow.localstack.StackConfig.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The environment a service's process gets from the launcher: its port, Kafka and the registry, its database logins,
 * and the addresses of the services it calls, all as the stack's configuration (options and variables) set them.
 */
final class ServiceEnvironment {

    private ServiceEnvironment() {}

    /** The variables for the first (or only) instance of {@code spec}. */
    static Map<String, String> of(StackConfig config, ServiceSpec spec, String simulatorConfig) {
        return of(config, new StackConfig.ServiceInstance(spec, 1, spec.module()), simulatorConfig);
    }

    /**
     * The variables for one instance's process. Every instance of a service gets the same consumer groups (the
     * service's name), database and every broker; only its ports differ. Calls between services go to the first
     * instance of the service called (there is no load balancer on one machine).
     *
     * @param simulatorConfig the demo population's payer-simulator properties file, or null
     */
    static Map<String, String> of(StackConfig config, StackConfig.ServiceInstance instance, String simulatorConfig) {
        ServiceSpec spec = instance.spec();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(spec.port()));
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrap());
        // topics a service declares get the cluster's replication (platform ClaimFlowKafkaProperties)
        env.put(
                "CLAIMFLOW_KAFKA_REPLICATION_FACTOR",
                Integer.toString(config.shape().replicationFactor()));
        env.put(
                "CLAIMFLOW_KAFKA_MIN_INSYNC_REPLICAS",
                Integer.toString(config.shape().minInsyncReplicas()));
        env.put("SPRING_KAFKA_PROPERTIES_SCHEMA_REGISTRY_URL", config.registryUrl());
        env.put("SPRING_KAFKA_PROPERTIES_BASIC_AUTH_CREDENTIALS_SOURCE", "USER_INFO");
        env.put(
                "SPRING_KAFKA_PROPERTIES_BASIC_AUTH_USER_INFO",
                StackConfig.REGISTRY_USER + ":" + StackConfig.REGISTRY_PASSWORD);
        if (spec.database() != null) {
            env.put("SPRING_DATASOURCE_URL", config.jdbcUrl(spec.database()));
            // least privilege: the service's own DML-only login; migrations as the database's owner role
            env.put("SPRING_DATASOURCE_USERNAME", DatabaseSetup.applicationRole(spec.database()));
            env.put("SPRING_DATASOURCE_PASSWORD", StackConfig.DB_PASSWORD);
            env.put("SPRING_FLYWAY_USER", DatabaseSetup.ownerRole(spec.database()));
            env.put("SPRING_FLYWAY_PASSWORD", StackConfig.DB_PASSWORD);
        }
        if (spec.module().equals("ehr-connector")) {
            env.put("CLAIMFLOW_EHR_MLLP_PORT", Integer.toString(config.mllpPort(instance.number())));
        }
        if (spec.module().equals("payer-simulator") && simulatorConfig != null && !simulatorConfig.isBlank()) {
            // ./stack up --demo: the demo population's plans and members, on top of payer-simulator.yml
            env.put("SPRING_CONFIG_ADDITIONAL_LOCATION", "optional:file:" + simulatorConfig);
        }
        if (spec.module().equals("payer-simulator")) {
            // --payer-behaviours: what the payer plays besides adjudicating (reversals, split 835s, TA1s, ...)
            env.putAll(config.payerSimulatorEnv());
        }
        if (spec.module().equals("adjudication-gateway")) {
            // the gateway sends its 837P to the simulator, wherever --payer-simulator-port put it
            config.services().stream()
                    .filter(s -> s.module().equals("payer-simulator"))
                    .findFirst()
                    .ifPresent(s -> env.put("PAYER_SIMULATOR_URL", "http://localhost:" + s.port()));
        }
        if (spec.module().equals("ops-console")) {
            // the console calls the services' REST APIs and health, wherever their --<service>-port put them
            config.services().stream()
                    .filter(s -> !s.module().equals("ops-console"))
                    .forEach(s -> env.put(
                            s.module().toUpperCase(Locale.ROOT).replace('-', '_') + "_URL",
                            "http://localhost:" + s.port()));
        }
        return env;
    }

    /** Where the launcher and {@code ./stack status} ask whether the service is UP. */
    static String healthUrl(ServiceSpec spec) {
        return "http://localhost:" + spec.port() + "/actuator/health";
    }

    /**
     * The schema registry's environment: the broker, its port and topic, loopback only, HTTP Basic (issue 19): the
     * services send basic.auth.user.info, the launcher's own client answers the challenge.
     */
    static Map<String, String> registry(StackConfig config, String topic) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                config.kafkaBootstrap(),
                "SCHEMA_REGISTRY_PORT",
                Integer.toString(config.registryPort()),
                "SCHEMA_REGISTRY_TOPIC",
                topic,
                "SCHEMA_REGISTRY_BIND_ADDRESS",
                "127.0.0.1",
                "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO",
                StackConfig.REGISTRY_USER + ":" + StackConfig.REGISTRY_PASSWORD);
    }
}
