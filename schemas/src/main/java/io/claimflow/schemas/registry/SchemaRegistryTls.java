package io.claimflow.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * TLS settings of the registry client, under Confluent's keys: {@code schema.registry.ssl.truststore.location},
 * {@code .truststore.password}, {@code .truststore.type}, {@code schema.registry.ssl.keystore.location},
 * {@code .keystore.password}, {@code .keystore.type} and {@code schema.registry.ssl.key.password}. A truststore
 * replaces the JDK's trusted CAs; a keystore adds a client certificate (mutual TLS). Types default to {@code JKS}
 * as in Confluent's client (the JDK reads PKCS12 files with that type too). The registry's host name is always
 * verified against its certificate.
 *
 * <p>{@link #toString()} masks the passwords.
 *
 * @param truststoreLocation truststore file, or null for the JDK's CAs
 * @param truststorePassword its password, or null
 * @param truststoreType its type
 * @param keystoreLocation keystore file with the client's key and certificate, or null for no client certificate
 * @param keystorePassword its password
 * @param keystoreType its type
 * @param keyPassword the key's password, or null for the keystore password
 */
public record SchemaRegistryTls(
        String truststoreLocation,
        String truststorePassword,
        String truststoreType,
        String keystoreLocation,
        String keystorePassword,
        String keystoreType,
        String keyPassword) {

    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String KEY_PASSWORD = "schema.registry.ssl.key.password";

    /** No TLS settings: the JDK's trusted CAs, no client certificate. */
    public static final SchemaRegistryTls NONE = new SchemaRegistryTls(null, null, "JKS", null, null, "JKS", null);

    public SchemaRegistryTls {
        truststoreLocation = blankToNull(truststoreLocation);
        keystoreLocation = blankToNull(keystoreLocation);
        truststoreType = truststoreType == null || truststoreType.isBlank() ? "JKS" : truststoreType.trim();
        keystoreType = keystoreType == null || keystoreType.isBlank() ? "JKS" : keystoreType.trim();
    }

    /** Whether anything differs from the JDK's defaults. */
    public boolean configured() {
        return truststoreLocation != null || keystoreLocation != null;
    }

    /**
     * The SSL context for these settings.
     *
     * @throws ConfigException when a store cannot be read (the message names the key and file, not the password)
     */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = null;
            if (truststoreLocation != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(TRUSTSTORE_LOCATION, truststoreLocation, truststoreType, truststorePassword));
            }
            KeyManagerFactory keys = null;
            if (keystoreLocation != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String password = keyPassword != null ? keyPassword : keystorePassword;
                keys.init(
                        load(KEYSTORE_LOCATION, keystoreLocation, keystoreType, keystorePassword),
                        password == null ? new char[0] : password.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Registry TLS settings are unusable: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static KeyStore load(String key, String location, String type, String password) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // A wrong password shows up as an IOException whose message says so; it never contains the password.
            throw new ConfigException(key + "=" + location + " cannot be read as a " + type + " store: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @Override
    public String toString() {
        return "SchemaRegistryTls[truststoreLocation=" + truststoreLocation + ", truststorePassword="
                + mask(truststorePassword) + ", truststoreType=" + truststoreType + ", keystoreLocation="
                + keystoreLocation + ", keystorePassword=" + mask(keystorePassword) + ", keystoreType="
                + keystoreType + ", keyPassword=" + mask(keyPassword) + "]";
    }

    private static String mask(String password) {
        return password == null ? null : "****";
    }
}
