package io.claimflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client over HTTPS with Confluent's {@code schema.registry.ssl.*} keys: server certificate trusted
 * through a truststore, client certificate for mutual TLS, basic auth on top. Key material is generated here with the
 * JDK's keytool (nothing is committed) and lives only in a temporary directory.
 */
class SchemaRegistryTlsTest {

    @TempDir
    static Path dir;

    static String password;
    static HttpsServer mutualTls;
    static final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void keysAndServer() throws Exception {
        password = UUID.randomUUID().toString();
        keytool(
                "-genkeypair",
                "-alias",
                "registry",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                path("registry.p12"),
                "-storepass",
                password,
                "-keypass",
                password);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "registry",
                "-keystore",
                path("registry.p12"),
                "-storepass",
                password,
                "-file",
                path("registry.crt"));
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "registry",
                "-file",
                path("registry.crt"),
                "-storetype",
                "PKCS12",
                "-keystore",
                path("client-truststore.p12"),
                "-storepass",
                password);
        keytool(
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=claimflow-service",
                "-storetype",
                "PKCS12",
                "-keystore",
                path("client.p12"),
                "-storepass",
                password,
                "-keypass",
                password);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "client",
                "-keystore",
                path("client.p12"),
                "-storepass",
                password,
                "-file",
                path("client.crt"));
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "client",
                "-file",
                path("client.crt"),
                "-storetype",
                "PKCS12",
                "-keystore",
                path("registry-truststore.p12"),
                "-storepass",
                password);

        SSLContext serverContext = new SchemaRegistryTls(
                        path("registry-truststore.p12"),
                        password,
                        "PKCS12",
                        path("registry.p12"),
                        password,
                        "PKCS12",
                        null)
                .sslContext();
        mutualTls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mutualTls.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
            @Override
            public void configure(HttpsParameters parameters) {
                javax.net.ssl.SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        mutualTls.createContext("/subjects", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "[\"claimflow.claim.submitted.v1-value\"]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        mutualTls.start();
    }

    @AfterAll
    static void stop() {
        if (mutualTls != null) {
            mutualTls.stop(0);
        }
    }

    @Test
    void talksToAnHttpsRegistryWithMutualTlsAndBasicAuth() {
        Map<String, Object> configs = configs();
        configs.put(SchemaRegistryTls.KEYSTORE_LOCATION, path("client.p12"));
        configs.put(SchemaRegistryTls.KEYSTORE_PASSWORD, new org.apache.kafka.common.config.types.Password(password));
        configs.put(SchemaRegistryTls.KEYSTORE_TYPE, "PKCS12");
        configs.put("basic.auth.credentials.source", "USER_INFO");
        configs.put("basic.auth.user.info", "claim-service:registry-secret");

        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.from(configs));

        assertThat(client.subjects()).containsExactly("claimflow.claim.submitted.v1-value");
        assertThat(authorizations)
                .last()
                .isEqualTo("Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString("claim-service:registry-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.config().toString()).doesNotContain(password, "registry-secret");
    }

    @Test
    void refusesARegistryItDoesNotTrust() {
        Map<String, Object> configs = configs();
        configs.remove(SchemaRegistryTls.TRUSTSTORE_LOCATION);
        configs.remove(SchemaRegistryTls.TRUSTSTORE_PASSWORD);
        configs.remove(SchemaRegistryTls.TRUSTSTORE_TYPE);
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.from(configs)
                .withTimeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5)));

        assertThatThrownBy(client::subjects)
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void withoutAClientCertificateTheMutualTlsRegistryRefuses() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.from(configs())
                .withTimeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5)));

        assertThatThrownBy(client::subjects).isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void aWrongStorePasswordIsAConfigErrorThatDoesNotQuoteIt() {
        Map<String, Object> configs = configs();
        configs.put(SchemaRegistryTls.TRUSTSTORE_PASSWORD, "not-the-password");

        assertThatThrownBy(() -> new SchemaRegistryClient(SchemaRegistryClientConfig.from(configs)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(SchemaRegistryTls.TRUSTSTORE_LOCATION)
                .hasMessageNotContaining("not-the-password");
    }

    private static Map<String, Object> configs() {
        Map<String, Object> configs = new HashMap<>();
        configs.put(
                "schema.registry.url",
                "https://localhost:" + mutualTls.getAddress().getPort());
        configs.put(SchemaRegistryTls.TRUSTSTORE_LOCATION, path("client-truststore.p12"));
        configs.put(SchemaRegistryTls.TRUSTSTORE_PASSWORD, password);
        configs.put(SchemaRegistryTls.TRUSTSTORE_TYPE, "PKCS12");
        return configs;
    }

    private static String path(String file) {
        return dir.resolve(file).toString();
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
