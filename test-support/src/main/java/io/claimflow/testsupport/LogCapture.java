package io.claimflow.testsupport;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged through Logback (every logger, every level that is enabled) while it is open, each event
 * as one text: level, logger, formatted message, key-value pairs and the whole exception chain (classes, messages,
 * stack frames). Used to prove that patient data never reaches a log line.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *     // ... traffic with recognizable patient data ...
 *     logs.assertNoneContain(List.of("Quackenbush", "1957-03-14", "MBR-778812"));
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root;
    private final Appender appender = new Appender();

    private LogCapture(Logger root) {
        this.root = root;
    }

    /** Starts capturing on the root logger. */
    public static LogCapture start() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException("LogCapture needs Logback as the SLF4J binding");
        }
        LogCapture capture = new LogCapture(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
        capture.appender.setContext(context);
        capture.appender.setName("claimflow-log-capture");
        capture.appender.start();
        capture.root.addAppender(capture.appender);
        return capture;
    }

    /** Every event captured so far, rendered as text. */
    public List<String> events() {
        synchronized (appender.events) {
            return List.copyOf(appender.events);
        }
    }

    /** The captured events that contain {@code text} (case-insensitive). */
    public List<String> eventsContaining(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return events().stream()
                .filter(event -> event.toLowerCase(Locale.ROOT).contains(needle))
                .toList();
    }

    /**
     * Fails when any captured event contains any of {@code forbidden} (case-insensitive), naming the strings found and
     * the first events that hold them.
     */
    public void assertNoneContain(Collection<String> forbidden) {
        List<String> findings = new ArrayList<>();
        for (String text : forbidden) {
            List<String> hits = eventsContaining(text);
            if (!hits.isEmpty()) {
                findings.add(
                        "'" + text + "' in " + hits.size() + " log event(s), first:\n    " + abbreviate(hits.get(0)));
            }
        }
        if (!findings.isEmpty()) {
            throw new AssertionError("Forbidden text found in the logs (" + events().size() + " events captured):\n"
                    + String.join("\n", findings));
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }

    private static String abbreviate(String event) {
        return event.length() <= 4000 ? event : event.substring(0, 4000) + "...";
    }

    private static final class Appender extends AppenderBase<ILoggingEvent> {

        private final List<String> events = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder text = new StringBuilder()
                    .append(event.getLevel())
                    .append(' ')
                    .append(event.getLoggerName())
                    .append(" - ")
                    .append(event.getFormattedMessage());
            if (event.getKeyValuePairs() != null) {
                event.getKeyValuePairs()
                        .forEach(pair ->
                                text.append(' ').append(pair.key).append('=').append(pair.value));
            }
            if (event.getMDCPropertyMap() != null && !event.getMDCPropertyMap().isEmpty()) {
                text.append(" mdc=").append(event.getMDCPropertyMap());
            }
            IThrowableProxy throwable = event.getThrowableProxy();
            if (throwable != null) {
                text.append('\n').append(ThrowableProxyUtil.asString(throwable));
            }
            synchronized (events) {
                events.add(text.toString());
            }
        }
    }
}
