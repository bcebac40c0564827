package io.claimflow.platform.security;

import java.util.IdentityHashMap;
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

    private Redaction() {
    }

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
        return copy(throwable, new IdentityHashMap<>(), false);
    }

    /**
     * A copy of {@code throwable} and its causes with the classes, stack frames and {@link #message redacted}
     * messages; prints like the original, for dead-letter headers.
     */
    public static Throwable withRedactedMessages(Throwable throwable) {
        return copy(throwable, new IdentityHashMap<>(), true);
    }

    /** {@code throwable}'s stack trace as {@link Throwable#printStackTrace()} prints it, with redacted messages. */
    public static String stackTrace(Throwable throwable) {
        java.io.StringWriter out = new java.io.StringWriter();
        withRedactedMessages(throwable).printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    private static Throwable copy(Throwable original, Map<Throwable, Throwable> seen, boolean redacted) {
        if (original == null || seen.containsKey(original)) {
            return null;
        }
        seen.put(original, original);
        Throwable cause = copy(original.getCause() == original ? null : original.getCause(), seen, redacted);
        MessageWithheld copy = redacted
                ? new MessageWithheld(original.getClass().getName(), message(original), cause)
                : new MessageWithheld(original.getClass().getName(), cause);
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
