package io.claimflow.platform.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.claimflow.platform.observability.Redaction;
import java.util.Objects;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps patient data that libraries log out of every log line, at the logging layer, for every logger: ClaimFlow's own
 * lines name ids only, but a library's line ({@code "Error handler threw an exception"} from Spring Kafka's container,
 * Hikari's, Spring's) carries an exception chain whose messages may quote the failing row ({@code Where: JSON data,
 * line 1: ...}), the record or the value.
 *
 * <p>Every event with a throwable, and every event at WARN or above, is re-emitted with its message passed through
 * {@link Redaction#text} and its throwable through {@link Redaction#forLogs}: messages of exceptions known to quote
 * data (PostgreSQL, JDBC, Spring's data access and messaging, Jackson, Avro, Kafka serialization) are withheld
 * whole, the others redacted; classes and stack frames stay. Installed by {@link LogRedactionInstaller} into Logback
 * as soon as Spring Boot has configured logging.
 */
public final class RedactingTurboFilter extends TurboFilter {

    /** The name it is installed under (installed once per logger context). */
    public static final String NAME = "claimflow-redaction";

    private static final String FQCN = Logger.class.getName();

    public RedactingTurboFilter() {
        setName(NAME);
    }

    /** Adds the filter to {@code context} unless it is there already. */
    public static void install(LoggerContext context) {
        boolean present = context.getTurboFilterList().stream().anyMatch(f -> NAME.equals(f.getName()));
        if (!present) {
            RedactingTurboFilter filter = new RedactingTurboFilter();
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || level == null || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL; // an isEnabled() question, or a line that is not written anyway
        }
        Throwable throwable = t != null ? t : MessageFormatter.getThrowableCandidate(params);
        if (throwable == null && !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        String message =
                params == null || params.length == 0 ? format : MessageFormatter.basicArrayFormat(format, params);
        String redactedMessage = Redaction.text(message);
        if (throwable == null && Objects.equals(message, redactedMessage)) {
            return FilterReply.NEUTRAL;
        }
        LoggingEvent event = new LoggingEvent(
                FQCN, logger, level, redactedMessage, throwable == null ? null : Redaction.forLogs(throwable), null);
        if (marker != null) {
            event.addMarker(marker);
        }
        logger.callAppenders(event);
        return FilterReply.DENY;
    }
}
