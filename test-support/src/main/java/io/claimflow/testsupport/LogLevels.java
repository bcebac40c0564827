package io.claimflow.testsupport;

import org.slf4j.LoggerFactory;

/**
 * Log levels for what test-support starts. A level someone set already (system property or Logback configuration)
 * always wins, so {@code -Dlogging.level.kafka=INFO} brings the embedded broker's log back.
 */
final class LogLevels {

    /** The embedded broker's own loggers; client loggers are left alone. */
    static final String[] BROKER_LOGGERS = {
        "kafka",
        "state.change.logger",
        "org.apache.kafka.controller",
        "org.apache.kafka.coordinator",
        "org.apache.kafka.image",
        "org.apache.kafka.metadata",
        "org.apache.kafka.queue",
        "org.apache.kafka.raft",
        "org.apache.kafka.server",
        "org.apache.kafka.snapshot",
        "org.apache.kafka.storage",
        "org.apache.kafka.common.test",
        "org.springframework.kafka.test"
    };

    private LogLevels() {}

    /** Broker loggers to WARN: at INFO they print hundreds of lines per test class and slow a 2-core build. */
    static void quietBroker() {
        for (String logger : BROKER_LOGGERS) {
            // Spring Boot re-initialises logging when a test context starts and reads these.
            String property = "logging.level." + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "WARN");
            }
            // Until then Logback runs on its defaults (DEBUG), which would log the whole broker start-up.
            setIfUnset(logger, System.getProperty(property));
        }
    }

    /** Sets a Logback logger's level unless it has one; true when it did (so {@link #unset} may undo it). */
    static boolean setIfUnset(String name, String level) {
        try {
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
                ch.qos.logback.classic.Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.WARN));
                    return true;
                }
            }
        } catch (LinkageError e) {
            // Not on Logback: Spring Boot still reads the system properties.
        }
        return false;
    }

    /** Lets a logger inherit its level again. */
    static void unset(String name) {
        try {
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
                context.getLogger(name).setLevel(null);
            }
        } catch (LinkageError e) {
            // Not on Logback.
        }
    }
}
