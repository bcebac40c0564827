package io.claimflow.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    private static final Schema V1 = SchemaBuilder.record("Visit")
            .namespace("test.registry")
            .fields()
            .requiredString("visitId")
            .endRecord();
    private static final Schema V2 = SchemaBuilder.record("Visit")
            .namespace("test.registry")
            .fields()
            .requiredString("visitId")
            .name("room")
            .type()
            .stringType()
            .stringDefault("none")
            .endRecord();
    /** Cannot read V1 data: a new field without default. */
    private static final Schema INCOMPATIBLE = SchemaBuilder.record("Visit")
            .namespace("test.registry")
            .fields()
            .requiredString("visitId")
            .requiredInt("units")
            .endRecord();

    private final List<FakeSchemaRegistry> registries = new ArrayList<>();

    @AfterEach
    void stopRegistries() {
        registries.forEach(FakeSchemaRegistry::close);
    }

    private FakeSchemaRegistry registry() {
        FakeSchemaRegistry registry = FakeSchemaRegistry.start(100);
        registries.add(registry);
        return registry;
    }

    private static SchemaRegistryClient client(String urls) {
        return new SchemaRegistryClient(
                SchemaRegistryClientConfig.of(urls).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @Test
    void registerReturnsTheIdAndCallsTheRegistryOncePerSubjectAndSchema() {
        FakeSchemaRegistry registry = registry();
        SchemaRegistryClient client = client(registry.url());

        int first = client.register("visits-value", V1);
        int again = client.register("visits-value", V1);
        int second = client.register("visits-value", V2);

        assertThat(first).isEqualTo(100).isEqualTo(again);
        assertThat(second).isEqualTo(101);
        assertThat(registry.requests())
                .extracting(FakeSchemaRegistry.Request::toString)
                .containsExactly("POST /subjects/visits-value/versions", "POST /subjects/visits-value/versions");
        FakeSchemaRegistry.Request request = registry.requests().get(0);
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.body()).contains("\"schema\"").contains("test.registry");
    }

    @Test
    void getByIdIsCachedAndRegisteringFillsTheCache() {
        FakeSchemaRegistry registry = registry();
        int id = client(registry.url()).register("visits-value", V1);
        SchemaRegistryClient reader = client(registry.url());
        registry.clearRequests();

        assertThat(reader.getById(id)).isEqualTo(V1);
        assertThat(reader.getById(id)).isEqualTo(V1);
        assertThat(registry.requests())
                .extracting(FakeSchemaRegistry.Request::toString)
                .containsExactly("GET /schemas/ids/" + id);

        SchemaRegistryClient writer = client(registry.url());
        writer.register("visits-value", V1);
        registry.clearRequests();
        assertThat(writer.getById(id)).isEqualTo(V1);
        assertThat(registry.requestCount()).isZero();
    }

    @Test
    void unknownIdIsA40403WithAClearMessage() {
        FakeSchemaRegistry registry = registry();
        SchemaRegistryException e = catchThrowableOfType(
                SchemaRegistryException.class, () -> client(registry.url()).getById(42));

        assertThat(e.getMessage())
                .startsWith("Schema id 42 not found in registry (40403)")
                .contains(registry.url());
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
        assertThat(e.isNotFound()).isTrue();
        assertThat(e.isRetriable()).isFalse();
    }

    @Test
    void lookupFindsARegisteredSchemaAndItsVersionWithoutRegistering() {
        FakeSchemaRegistry registry = registry();
        SchemaRegistryClient client = client(registry.url());
        client.register("visits-value", V1);
        int v2 = client.register("visits-value", V2);

        SchemaRegistryClient other = client(registry.url());
        SchemaMetadata found = other.lookup("visits-value", V2);
        other.lookup("visits-value", V2);

        assertThat(found).isEqualTo(new SchemaMetadata("visits-value", 2, v2, V2));
        assertThat(registry.requests())
                .filteredOn(r -> r.path().equals("/subjects/visits-value"))
                .hasSize(1);
        // A looked-up schema needs no registration call either.
        registry.clearRequests();
        assertThat(other.register("visits-value", V2)).isEqualTo(v2);
        assertThat(registry.requestCount()).isZero();
    }

    @Test
    void lookupOfAnUnregisteredSchemaOrSubjectIsNotFound() {
        FakeSchemaRegistry registry = registry();
        SchemaRegistryClient client = client(registry.url());

        SchemaRegistryException noSubject =
                catchThrowableOfType(SchemaRegistryException.class, () -> client.lookup("visits-value", V1));
        assertThat(noSubject.errorCode()).isEqualTo(40401);
        assertThat(noSubject.getMessage()).contains("Subject 'visits-value' not found in registry (40401)");

        client.register("visits-value", V1);
        SchemaRegistryException noSchema =
                catchThrowableOfType(SchemaRegistryException.class, () -> client.lookup("visits-value", V2));
        assertThat(noSchema.errorCode()).isEqualTo(40403);
        assertThat(noSchema.getMessage())
                .contains("Schema test.registry.Visit is not registered under subject 'visits-value' (40403)");
    }

    @Test
    void latestIsCachedUntilItsLifetimeEnds() {
        FakeSchemaRegistry registry = registry();
        AtomicLong now = new AtomicLong(1_000);
        SchemaRegistryClient client = new SchemaRegistryClient(
                SchemaRegistryClientConfig.of(registry.url()).withLatestCacheTtl(Duration.ofSeconds(30)), now::get);
        int v1 = client(registry.url()).register("visits-value", V1);

        assertThat(client.getLatest("visits-value").id()).isEqualTo(v1);
        int v2 = client(registry.url()).register("visits-value", V2);
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(client.getLatest("visits-value").id()).as("still cached").isEqualTo(v1);
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        SchemaMetadata latest = client.getLatest("visits-value");

        assertThat(latest).isEqualTo(new SchemaMetadata("visits-value", 2, v2, V2));
        assertThat(registry.requests())
                .filteredOn(r -> r.path().endsWith("/versions/latest"))
                .hasSize(2);
    }

    @Test
    void versionsSubjectsAndTheirErrors() {
        FakeSchemaRegistry registry = registry();
        SchemaRegistryClient client = client(registry.url());
        int v1 = client.register("visits-value", V1);
        client.register("other-key", V1);

        assertThat(client.getVersion("visits-value", 1)).isEqualTo(new SchemaMetadata("visits-value", 1, v1, V1));
        assertThat(client.subjects()).containsExactly("visits-value", "other-key");
        assertThat(catchThrowableOfType(SchemaRegistryException.class, () -> client.getVersion("visits-value", 7))
                        .getMessage())
                .startsWith("Version 7 of subject 'visits-value' not found in registry (40402)");
        assertThat(catchThrowableOfType(SchemaRegistryException.class, () -> client.getLatest("nobody-value"))
                        .getMessage())
                .startsWith("Subject 'nobody-value' not found in registry (40401)");
    }

    @Test
    void incompatibleRegistrationIsA409AndTestCompatibilitySaysWhy() {
        FakeSchemaRegistry registry = registry();
        SchemaRegistryClient client = client(registry.url());

        assertThat(client.testCompatibility("visits-value", V1).compatible())
                .as("empty subject")
                .isTrue();
        client.register("visits-value", V1);
        assertThat(client.testCompatibility("visits-value", V2).compatible()).isTrue();
        CompatibilityResult verdict = client.testCompatibility("visits-value", INCOMPATIBLE);
        assertThat(verdict.compatible()).isFalse();
        assertThat(verdict.messages()).isNotEmpty();

        SchemaRegistryException e = catchThrowableOfType(
                SchemaRegistryException.class, () -> client.register("visits-value", INCOMPATIBLE));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        assertThat(e.getMessage())
                .startsWith("Schema test.registry.Visit is incompatible with an earlier schema of"
                        + " subject 'visits-value' (409)");
    }

    @Test
    void sendsBasicAuthFromUserInfo() {
        FakeSchemaRegistry registry = registry().requireBasicAuth("svc:s3cret");
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.from(Map.of(
                "schema.registry.url", registry.url(),
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "svc:s3cret")));

        client.register("visits-value", V1);

        assertThat(registry.requests().get(0).authorization())
                .isEqualTo(
                        "Basic " + Base64.getEncoder().encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sendsBasicAuthFromTheUrlAndNeverShowsThePassword() {
        FakeSchemaRegistry registry = registry().requireBasicAuth("svc:s3cret");
        String url = "http://svc:s3cret@127.0.0.1:" + registry.port();
        SchemaRegistryClient client = client(url);

        client.register("visits-value", V1);
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class, () -> client.getById(7));

        assertThat(registry.requests())
                .allSatisfy(r -> assertThat(r.authorization())
                        .isEqualTo("Basic "
                                + Base64.getEncoder().encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8))));
        assertThat(e.getMessage()).contains(registry.url()).doesNotContain("s3cret");
        assertThat(client.config().toString()).doesNotContain("s3cret");
    }

    @Test
    void wrongCredentialsSayWhichSettingToCheck() {
        FakeSchemaRegistry registry = registry().requireBasicAuth("svc:s3cret");

        SchemaRegistryException e = catchThrowableOfType(
                SchemaRegistryException.class, () -> client(registry.url()).register("visits-value", V1));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("refused access (HTTP 401").contains("basic.auth.user.info");
    }

    @Test
    void aRegistryThatIsDownIsReportedAsUnreachable() {
        String dead = FakeSchemaRegistry.deadUrl();

        SchemaRegistryException e = catchThrowableOfType(
                SchemaRegistryException.class, () -> client(dead).getById(1));

        assertThat(e.getMessage())
                .startsWith("Schema registry at " + dead + " is unreachable: ")
                .contains("GET /schemas/ids/1");
        assertThat(e.isUnreachable()).isTrue();
        assertThat(e.isRetriable()).isTrue();
        assertThat(e.status()).isEqualTo(SchemaRegistryException.NO_STATUS);
    }

    @Test
    void triesTheNextUrlWhenOneIsDownAndStaysWithTheOneThatAnswered() {
        FakeSchemaRegistry unavailable = registry();
        FakeSchemaRegistry live = registry();
        String dead = FakeSchemaRegistry.deadUrl();
        SchemaRegistryClient client = client(dead + "," + unavailable.url() + ", " + live.url());
        unavailable.failNext(503, "{\"error_code\":50003,\"message\":\"forwarding failed\"}");

        int id = client.register("visits-value", V1);
        assertThat(client.getById(id)).isEqualTo(V1);
        client.getLatest("visits-value");

        assertThat(unavailable.requestCount()).isEqualTo(1);
        assertThat(live.requests())
                .extracting(FakeSchemaRegistry.Request::toString)
                .containsExactly("POST /subjects/visits-value/versions", "GET /subjects/visits-value/versions/latest");
    }

    @Test
    void whenEveryUrlIsDownTheMessageNamesEach() {
        String first = FakeSchemaRegistry.deadUrl();
        String second = FakeSchemaRegistry.deadUrl();

        SchemaRegistryException e = catchThrowableOfType(
                SchemaRegistryException.class,
                () -> client(first + "," + second).subjects());

        assertThat(e.getMessage())
                .startsWith("Schema registry at " + first + ", " + second + " is unreachable: ")
                .contains(first + ": ")
                .contains(second + ": ");
    }

    @Test
    void serverErrorsKeepStatusCodeAndBody() {
        FakeSchemaRegistry registry = registry();
        registry.failNext(500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");
        registry.failNext(502, "<html>Bad gateway</html>");
        SchemaRegistryClient client = client(registry.url());

        SchemaRegistryException store = catchThrowableOfType(SchemaRegistryException.class, client::subjects);
        SchemaRegistryException proxy = catchThrowableOfType(SchemaRegistryException.class, client::subjects);

        assertThat(store.getMessage())
                .isEqualTo("Schema registry at " + registry.url()
                        + " answered HTTP 500, error_code 50001 to GET /subjects: Error in the backend data store");
        assertThat(store.errorCode()).isEqualTo(50001);
        assertThat(store.isRetriable()).isTrue();
        assertThat(proxy.status()).isEqualTo(502);
        assertThat(proxy.errorCode()).isEqualTo(SchemaRegistryException.NO_ERROR_CODE);
        assertThat(proxy.getMessage()).contains("<html>Bad gateway</html>");
    }

    @Test
    void manyThreadsShareOneClient() throws Exception {
        FakeSchemaRegistry registry = registry();
        SchemaRegistryClient client = client(registry.url());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                Schema schema = i % 2 == 0 ? V1 : V2;
                ids.add(pool.submit(() -> {
                    int id = client.register("visits-value", schema);
                    assertThat(client.getById(id)).isEqualTo(schema);
                    return id;
                }));
            }
            List<Integer> distinct = new ArrayList<>();
            for (Future<Integer> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).containsOnly(100, 101);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void configReadsConfluentKeys() {
        SchemaRegistryClientConfig config = SchemaRegistryClientConfig.from(Map.of(
                "schema.registry.url", "http://a:8081, http://b:8081/",
                "schema.registry.basic.auth.user.info", "svc:pw",
                "basic.auth.credentials.source", "user_info",
                "http.connect.timeout.ms", "1500",
                "schema.registry.http.read.timeout.ms", 2500,
                "latest.cache.ttl.sec", "0"));

        assertThat(config.urls()).extracting(Object::toString).containsExactly("http://a:8081", "http://b:8081/");
        assertThat(config.basicAuthSource()).isEqualTo(SchemaRegistryClientConfig.BasicAuthSource.USER_INFO);
        assertThat(config.basicAuthUserInfo()).isEqualTo("svc:pw");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.latestCacheTtl()).isZero();
        assertThat(config.toString()).contains("svc:****").doesNotContain("pw,");
        assertThat(SchemaRegistryClientConfig.from(Map.of("schema.registry.url", List.of("http://a", "http://b")))
                        .urls())
                .hasSize(2);
    }

    @Test
    void configRefusesWhatItCannotHonour() {
        assertThatThrownBy(() -> SchemaRegistryClientConfig.from(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> SchemaRegistryClientConfig.from(
                        Map.of("schema.registry.url", "http://a", "basic.auth.credentials.source", "USER_INFO")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info");
        assertThatThrownBy(() -> SchemaRegistryClientConfig.from(
                        Map.of("schema.registry.url", "http://a", "basic.auth.credentials.source", "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SASL_INHERIT is not supported");
        assertThatThrownBy(() -> SchemaRegistryClientConfig.of("localhost:8081"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http(s)://");
    }
}
