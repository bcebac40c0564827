package io.claimflow.schemas.registry;

import io.claimflow.schemas.config.ClientConfigValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of a {@link SchemaRegistryClient}, read from the same keys Confluent's clients use, so one Kafka client
 * configuration map works against Confluent Schema Registry and ClaimFlow's own registry alike.
 *
 * <ul>
 *   <li>{@code schema.registry.url}: one URL or several comma-separated (tried in turn); required.</li>
 *   <li>{@code basic.auth.credentials.source}: {@code URL} (default: credentials from each URL's
 *       {@code user:password@} part, none if absent) or {@code USER_INFO} (from {@code basic.auth.user.info},
 *       {@code user:password}; {@code schema.registry.basic.auth.user.info} is accepted too).</li>
 *   <li>{@code http.connect.timeout.ms} (default 10000), {@code http.read.timeout.ms} (default 30000; the whole
 *       request), {@code latest.cache.ttl.sec} (default 30; how long {@code getLatest} answers are reused,
 *       0 = not cached). Each also accepted with a {@code schema.registry.} prefix.</li>
 *   <li>TLS: {@code schema.registry.ssl.truststore.location} / {@code .password} / {@code .type} and
 *       {@code schema.registry.ssl.keystore.location} / {@code .password} / {@code .type},
 *       {@code schema.registry.ssl.key.password} (see {@link SchemaRegistryTls}).</li>
 * </ul>
 *
 * <p>{@link #toString()} masks passwords, so the config can be logged.
 */
public record SchemaRegistryClientConfig(
        List<URI> urls,
        BasicAuthSource basicAuthSource,
        String basicAuthUserInfo,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration latestCacheTtl,
        SchemaRegistryTls tls) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_LATEST_CACHE_TTL = Duration.ofSeconds(30);

    private static final String PREFIX = "schema.registry.";

    /** Where basic-auth credentials come from ({@code basic.auth.credentials.source}). */
    public enum BasicAuthSource {
        /** {@code user:password@} in each registry URL; no authentication for URLs without one. */
        URL,
        /** {@code basic.auth.user.info} ({@code user:password}) for every URL. */
        USER_INFO
    }

    public SchemaRegistryClientConfig {
        Objects.requireNonNull(urls, "urls");
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " names no URL");
        }
        for (URI url : urls) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new ConfigException(SCHEMA_REGISTRY_URL + " must be http(s)://host[:port] URLs, got '"
                        + withoutUserInfo(url) + "'");
            }
        }
        Objects.requireNonNull(basicAuthSource, "basicAuthSource");
        if (basicAuthSource == BasicAuthSource.USER_INFO
                && (basicAuthUserInfo == null || basicAuthUserInfo.isBlank() || !basicAuthUserInfo.contains(":"))) {
            throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO needs " + BASIC_AUTH_USER_INFO
                    + " in the form user:password");
        }
        requirePositive(connectTimeout, HTTP_CONNECT_TIMEOUT_MS);
        requirePositive(requestTimeout, HTTP_READ_TIMEOUT_MS);
        Objects.requireNonNull(latestCacheTtl, "latestCacheTtl");
        if (latestCacheTtl.isNegative()) {
            throw new ConfigException(LATEST_CACHE_TTL_SEC + " must not be negative");
        }
        tls = tls == null ? SchemaRegistryTls.NONE : tls;
    }

    /** Without TLS settings (the JDK's trusted CAs, no client certificate). */
    public SchemaRegistryClientConfig(
            List<URI> urls,
            BasicAuthSource basicAuthSource,
            String basicAuthUserInfo,
            Duration connectTimeout,
            Duration requestTimeout,
            Duration latestCacheTtl) {
        this(
                urls,
                basicAuthSource,
                basicAuthUserInfo,
                connectTimeout,
                requestTimeout,
                latestCacheTtl,
                SchemaRegistryTls.NONE);
    }

    /** One or more comma-separated URLs, no authentication, default timeouts. */
    public static SchemaRegistryClientConfig of(String urls) {
        return from(Map.of(SCHEMA_REGISTRY_URL, urls));
    }

    /**
     * Reads the registry settings out of a Kafka client configuration map (producer, consumer, or serde configs).
     * Other keys are ignored.
     *
     * @throws ConfigException when {@code schema.registry.url} is missing or a value is malformed
     */
    public static SchemaRegistryClientConfig from(Map<String, ?> configs) {
        Object rawUrls = configs.get(SCHEMA_REGISTRY_URL);
        if (rawUrls == null) {
            throw new ConfigException("Missing required configuration '" + SCHEMA_REGISTRY_URL
                    + "' (the schema registry's URL, e.g. http://localhost:8081)");
        }
        List<URI> urls = parseUrls(rawUrls);

        ClientConfigValues values = ClientConfigValues.of(configs);
        String source = values.string(BASIC_AUTH_CREDENTIALS_SOURCE);
        BasicAuthSource authSource;
        if (source == null || source.isBlank()) {
            authSource = BasicAuthSource.URL;
        } else {
            try {
                authSource = BasicAuthSource.valueOf(source.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + "=" + source
                        + " is not supported by ClaimFlow's registry client: use USER_INFO or URL");
            }
        }
        return new SchemaRegistryClientConfig(
                urls,
                authSource,
                values.string(BASIC_AUTH_USER_INFO, PREFIX + BASIC_AUTH_USER_INFO),
                millis(values, HTTP_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT),
                millis(values, HTTP_READ_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT),
                seconds(values, LATEST_CACHE_TTL_SEC, DEFAULT_LATEST_CACHE_TTL),
                new SchemaRegistryTls(
                        values.string(SchemaRegistryTls.TRUSTSTORE_LOCATION),
                        values.string(SchemaRegistryTls.TRUSTSTORE_PASSWORD),
                        values.string(SchemaRegistryTls.TRUSTSTORE_TYPE),
                        values.string(SchemaRegistryTls.KEYSTORE_LOCATION),
                        values.string(SchemaRegistryTls.KEYSTORE_PASSWORD),
                        values.string(SchemaRegistryTls.KEYSTORE_TYPE),
                        values.string(SchemaRegistryTls.KEY_PASSWORD)));
    }

    /** A copy with other timeouts; handy in tests. */
    public SchemaRegistryClientConfig withTimeouts(Duration connect, Duration request) {
        return new SchemaRegistryClientConfig(
                urls, basicAuthSource, basicAuthUserInfo, connect, request, latestCacheTtl, tls);
    }

    /** A copy with another cache lifetime for {@code getLatest}. */
    public SchemaRegistryClientConfig withLatestCacheTtl(Duration ttl) {
        return new SchemaRegistryClientConfig(
                urls, basicAuthSource, basicAuthUserInfo, connectTimeout, requestTimeout, ttl, tls);
    }

    /** The URLs as a comma-separated string without any credentials, for messages and logs. */
    public String displayUrls() {
        return String.join(
                ", ",
                urls.stream().map(SchemaRegistryClientConfig::withoutUserInfo).toList());
    }

    @Override
    public String toString() {
        String user = basicAuthUserInfo == null
                ? null
                : basicAuthUserInfo.substring(0, Math.max(0, basicAuthUserInfo.indexOf(':'))) + ":****";
        return "SchemaRegistryClientConfig[urls=" + displayUrls() + ", basicAuthSource=" + basicAuthSource
                + ", basicAuthUserInfo=" + user + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", latestCacheTtl=" + latestCacheTtl + ", tls=" + tls + "]";
    }

    /** The URL without its {@code user:password@} part, so it can be shown. */
    static String withoutUserInfo(URI url) {
        try {
            return new URI(
                            url.getScheme(),
                            null,
                            url.getHost(),
                            url.getPort(),
                            url.getPath(),
                            url.getQuery(),
                            url.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }

    private static List<URI> parseUrls(Object raw) {
        List<String> parts = new ArrayList<>();
        if (raw instanceof Collection<?> list) {
            list.forEach(item -> parts.addAll(List.of(String.valueOf(item).split(","))));
        } else {
            parts.addAll(List.of(String.valueOf(raw).split(",")));
        }
        List<URI> urls = new ArrayList<>();
        for (String part : parts) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                urls.add(new URI(trimmed));
            } catch (URISyntaxException e) {
                // The input may hold a password: say where, not what.
                throw new ConfigException(SCHEMA_REGISTRY_URL + " holds a malformed URL (" + e.getReason()
                        + " at index " + e.getIndex() + ")");
            }
        }
        return urls;
    }

    private static Duration millis(ClientConfigValues values, String key, Duration fallback) {
        Long value = values.wholeNumber(key, PREFIX + key);
        return value == null ? fallback : Duration.ofMillis(value);
    }

    private static Duration seconds(ClientConfigValues values, String key, Duration fallback) {
        Long value = values.wholeNumber(key, PREFIX + key);
        if (value == null) {
            return fallback;
        }
        // Confluent uses -1 for "never expire"; a long lifetime is the same thing in practice.
        return value < 0 ? Duration.ofDays(365) : Duration.ofSeconds(value);
    }

    private static void requirePositive(Duration duration, String key) {
        Objects.requireNonNull(duration, key);
        if (duration.isZero() || duration.isNegative()) {
            throw new ConfigException(key + " must be positive");
        }
    }
}
