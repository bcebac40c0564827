package io.claimflow.platform.observability;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps patient data that libraries put into exception messages out of logs and dead-letter headers.
 *
 * <p>ClaimFlow's own messages name ids only. Libraries quote data: Spring's messaging conversion errors print the whole
 * message ({@code GenericMessage [payload=...]}, an Avro record with names and birth dates), PostgreSQL's errors
 * quote the failing row and key values ({@code Detail: Key (member_id)=(...)}), Spring's conversion errors the
 * value ({@code for value [...]}) and Jackson the text it could not read ({@code from String "..."}).
 * {@link #message} cuts those parts out; {@link #withoutMessages} keeps only classes and stack frames, for the logs
 * of unexpected errors.
 */
public final class Redaction {

    /** What replaces a withheld part. */
    public static final String WITHHELD = "[withheld]";

    // Each pattern with its replacement; the replacements keep what the text was about, not the data.
    private static final Object[][] DATA_PARTS = {
        // Spring messaging: "... for GenericMessage [payload=..., headers=...]" up to the end
        {Pattern.compile("(?s)(GenericMessage|ErrorMessage|Message) \\[payload=.*"), "$1 " + WITHHELD},
        // PostgreSQL server messages: Detail / Where / Hint lines, "Failing row contains (...)", "Key (a)=(b)"
        {Pattern.compile("(?m)(Detail|Where|Hint|Internal Query):.*$"), "$1: " + WITHHELD},
        {Pattern.compile("(?s)Failing row contains \\(.*?\\)"), "Failing row contains " + WITHHELD},
        {Pattern.compile("(?s)Key \\(([^)]*)\\)=\\(.*?\\)"), "Key ($1)=" + WITHHELD},
        // Spring conversion: "for value [...]"; number parsing: For input string: "..."
        {Pattern.compile("(?s)for value \\[.*?\\](?=[;\\s]|$)"), "for value " + WITHHELD},
        {Pattern.compile("(?s)(value|input string|For input string): ?['\"].*?['\"]"), "$1: " + WITHHELD},
        // Jackson: from String "...", token 'xyz', Unrecognized token '...'
        {Pattern.compile("(?s)from String \".*?\""), "from String " + WITHHELD},
        {Pattern.compile("(?s)(token|Token) '.*?'"), "$1 " + WITHHELD},
        // Bean Validation / Spring binding: rejected value [...]
        {Pattern.compile("(?s)rejected value \\[.*?\\]"), "rejected value " + WITHHELD},
    };

    /**
     * Exceptions whose messages quote data as a rule (the failing row or key, the SQL's values, the JSON or record
     * read, the value converted or validated): {@link #forLogs} withholds their messages whole.
     */
    private static final List<String> DATA_QUOTING = List.of(
            "org.postgresql.",
            "java.sql.",
            "org.springframework.dao.",
            "org.springframework.jdbc.",
            "org.springframework.messaging.",
            "org.springframework.kafka.support.",
            "org.springframework.core.convert.",
            "org.springframework.http.converter.",
            "org.springframework.validation.",
            "org.springframework.web.bind.",
            "jakarta.validation.",
            "com.fasterxml.jackson.",
            "tools.jackson.",
            "org.apache.avro.",
            "org.apache.kafka.common.errors.Serialization",
            "org.apache.kafka.common.errors.RecordDeserialization");

    private Redaction() {}

    /** The throwable's message with quoted data cut out, or null when it has none. */
    public static String message(Throwable throwable) {
        return throwable == null ? null : text(throwable.getMessage());
    }

    /** {@code text} with quoted data cut out. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Object[] part : DATA_PARTS) {
            result = ((Pattern) part[0]).matcher(result).replaceAll((String) part[1]);
        }
        return result;
    }

    /**
     * A copy of {@code throwable} and its causes with the classes and stack frames but no messages, to log an
     * unexpected error without whatever data its messages quote.
     */
    public static Throwable withoutMessages(Throwable throwable) {
        return copy(throwable, new IdentityHashMap<>(), Boolean.FALSE);
    }

    /**
     * A copy of {@code throwable} and its causes with the classes, stack frames and {@link #message redacted}
     * messages; prints like the original, for dead-letter headers.
     */
    public static Throwable withRedactedMessages(Throwable throwable) {
        return copy(throwable, new IdentityHashMap<>(), Boolean.TRUE);
    }

    /**
     * A copy of {@code throwable} and its causes for a log line: classes and stack frames kept, the messages of
     * exceptions that quote data as a rule (PostgreSQL, JDBC, Spring data access, messaging and conversion, Jackson,
     * Avro, Kafka serialization) withheld, every other message {@link #message redacted}.
     */
    public static Throwable forLogs(Throwable throwable) {
        if (throwable instanceof MessageWithheld && throwable.getCause() == null) {
            return throwable;
        }
        return copy(throwable, new IdentityHashMap<>(), null);
    }

    /** Whether {@code throwable}'s class (or a superclass) is one whose messages quote data as a rule. */
    static boolean quotesData(Throwable throwable) {
        for (Class<?> type = throwable.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            String name = type.getName();
            if (DATA_QUOTING.stream().anyMatch(name::startsWith)) {
                return true;
            }
        }
        return false;
    }

    /** {@code throwable}'s stack trace as {@link Throwable#printStackTrace()} prints it, with redacted messages. */
    public static String stackTrace(Throwable throwable) {
        java.io.StringWriter out = new java.io.StringWriter();
        withRedactedMessages(throwable).printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    /** {@code redacted}: true keeps redacted messages, false withholds all, null decides per class for logs. */
    private static Throwable copy(Throwable original, Map<Throwable, Throwable> seen, Boolean redacted) {
        if (original == null || seen.containsKey(original)) {
            return null;
        }
        seen.put(original, original);
        Throwable cause = copy(original.getCause() == original ? null : original.getCause(), seen, redacted);
        boolean keepsMessage =
                redacted == null ? !quotesData(original) && !(original instanceof MessageWithheld) : redacted;
        if (original instanceof MessageWithheld withheld && redacted == null) {
            keepsMessage = withheld.keepsMessage;
        }
        String type = original instanceof MessageWithheld withheld
                ? withheld.originalClass
                : original.getClass().getName();
        MessageWithheld copy =
                keepsMessage ? new MessageWithheld(type, message(original), cause) : new MessageWithheld(type, cause);
        copy.setStackTrace(original.getStackTrace());
        for (Throwable suppressed : original.getSuppressed()) {
            Throwable suppressedCopy = copy(suppressed, seen, redacted);
            if (suppressedCopy != null) {
                copy.addSuppressed(suppressedCopy);
            }
        }
        return copy;
    }

    /** Stands in for a throwable whose message is withheld or redacted; prints as the original class. */
    static final class MessageWithheld extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String originalClass;
        private final boolean keepsMessage;

        MessageWithheld(String originalClass, Throwable cause) {
            super(originalClass + " (message withheld: it may quote patient data)", cause, true, true);
            this.originalClass = originalClass;
            this.keepsMessage = false;
        }

        MessageWithheld(String originalClass, String redactedMessage, Throwable cause) {
            super(redactedMessage, cause, true, true);
            this.originalClass = originalClass;
            this.keepsMessage = true;
        }

        @Override
        public String toString() {
            if (!keepsMessage) {
                return getMessage();
            }
            return getMessage() == null ? originalClass : originalClass + ": " + getMessage();
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
