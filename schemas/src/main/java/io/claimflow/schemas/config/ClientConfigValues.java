package io.claimflow.schemas.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads typed values out of a Kafka client configuration map (producer, consumer or serde configs), the one reader
 * behind the registry, TLS and serde settings ({@code SchemaRegistryClientConfig}, {@code AvroSerdeConfig}).
 * Each getter takes the keys to try, in order; the first that holds a value wins and names the value in errors.
 * A bad value fails with a {@link ConfigException} that names the key; a password's value is never in a message.
 */
public final class ClientConfigValues {

    private final Map<String, ?> configs;

    private ClientConfigValues(Map<String, ?> configs) {
        this.configs = Objects.requireNonNull(configs, "configs");
    }

    public static ClientConfigValues of(Map<String, ?> configs) {
        return new ClientConfigValues(configs);
    }

    /** The raw value of the first key that has one, or null. */
    public Object raw(String... keys) {
        for (String key : keys) {
            Object value = configs.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The text of the first key that has a value (a Kafka {@link Password} unmasked), or null. */
    public String string(String... keys) {
        Object value = raw(keys);
        if (value == null) {
            return null;
        }
        // Kafka hands passwords over as Password objects whose toString() is masked.
        return value instanceof Password password ? password.value() : String.valueOf(value);
    }

    /**
     * The whole number of the first key that has a value, or null when none has or it is blank.
     *
     * @throws ConfigException when the value is not a whole number
     */
    public Long wholeNumber(String... keys) {
        String key = firstKeyWithValue(keys);
        if (key == null) {
            return null;
        }
        Object value = configs.get(key);
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = String.valueOf(value).trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number");
        }
    }

    /**
     * The boolean of the first key that has a value ({@code true} or {@code false}, any case), else
     * {@code fallback} (also for a blank value).
     *
     * @throws ConfigException when the value is something else
     */
    public boolean bool(boolean fallback, String... keys) {
        String key = firstKeyWithValue(keys);
        if (key == null) {
            return fallback;
        }
        Object value = configs.get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (String.valueOf(value).trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            case "" -> fallback;
            default -> throw new ConfigException(key, value, "expected true or false");
        };
    }

    private String firstKeyWithValue(String... keys) {
        for (String key : keys) {
            if (configs.get(key) != null) {
                return key;
            }
        }
        return null;
    }
}
