package io.claimflow.platform.kafka;

import io.claimflow.platform.observability.Redaction;
import java.util.ArrayList;
import java.util.List;
import org.springframework.kafka.listener.ExceptionClassifier;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.ClassUtils;

/** Which failures are worth retrying, and the short reason text written to {@code claimflow-dlt-reason}. */
final class DeadLetterReasons {

    private static final int MAX_REASON_LENGTH = 300;

    private final List<Class<? extends Throwable>> notRetryable;
    private final int maxRetries;

    DeadLetterReasons(int maxRetries) {
        this.maxRetries = maxRetries;
        List<Class<? extends Throwable>> types = new ArrayList<>(ExceptionClassifier.defaultFatalExceptionsList());
        types.addAll(extraNotRetryable());
        this.notRetryable = List.copyOf(types);
    }

    /**
     * Errors that will fail the same way on every redelivery, beyond Spring Kafka's defaults (deserialization,
     * conversion, bad listener method, class cast): bad input and failed validation.
     */
    @SuppressWarnings("unchecked")
    static List<Class<? extends Exception>> extraNotRetryable() {
        List<Class<? extends Exception>> types = new ArrayList<>();
        types.add(IllegalArgumentException.class);
        for (String name : List.of(
                "jakarta.validation.ValidationException",
                "org.springframework.validation.method.MethodValidationException",
                "org.springframework.validation.BindException")) {
            if (ClassUtils.isPresent(name, DeadLetterReasons.class.getClassLoader())) {
                types.add((Class<? extends Exception>)
                        ClassUtils.resolveClassName(name, DeadLetterReasons.class.getClassLoader()));
            }
        }
        return types;
    }

    boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : notRetryable) {
                if (type.isInstance(t)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A one-line reason; the full exception travels in Spring's {@code kafka_dlt-exception-*} headers. */
    String reason(Throwable failure) {
        DeserializationException deserialization = find(failure, DeserializationException.class);
        String text;
        if (deserialization != null) {
            Throwable cause = deserialization.getCause() != null ? deserialization.getCause() : deserialization;
            text = (deserialization.isKey() ? "key" : "value") + " could not be deserialized: " + describe(cause);
        } else if (!isRetryable(failure)) {
            text = "not retryable: " + describe(rootOfInterest(failure));
        } else {
            text = "failed after " + (maxRetries + 1) + " attempts: " + describe(rootOfInterest(failure));
        }
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() <= MAX_REASON_LENGTH ? text : text.substring(0, MAX_REASON_LENGTH - 3) + "...";
    }

    /** The reason without any exception message, for logs. */
    /** {@code deserialization}, {@code not-retryable} or {@code retries-exhausted}: a bounded metric tag. */
    String kind(Throwable failure) {
        if (find(failure, DeserializationException.class) != null) {
            return "deserialization";
        }
        return isRetryable(failure) ? "retries-exhausted" : "not-retryable";
    }

    String category(Throwable failure) {
        DeserializationException deserialization = find(failure, DeserializationException.class);
        if (deserialization != null) {
            return (deserialization.isKey() ? "key" : "value") + " could not be deserialized";
        }
        String type = rootOfInterest(failure).getClass().getName();
        return isRetryable(failure) ? "retries exhausted: " + type : "not retryable: " + type;
    }

    // The listener's own exception, under Spring Kafka's wrappers (ListenerExecutionFailedException, ...).
    private static Throwable rootOfInterest(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null
                && t.getCause() != t
                && t.getClass().getName().startsWith("org.springframework.kafka.")) {
            t = t.getCause();
        }
        return t;
    }

    // Redacted: a library's message may quote data (PostgreSQL's failing row, a whole message payload).
    private static String describe(Throwable t) {
        String message = Redaction.message(t);
        return message == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + message;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
