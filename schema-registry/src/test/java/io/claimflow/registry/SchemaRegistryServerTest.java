package io.claimflow.registry;

import static io.claimflow.registry.Schemas.AMOUNT;
import static io.claimflow.registry.Schemas.AMOUNT_WITH_DEFAULT;
import static io.claimflow.registry.Schemas.ID;
import static io.claimflow.registry.Schemas.NOTE;
import static io.claimflow.registry.Schemas.NOTE_WITH_DEFAULT;
import static io.claimflow.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimflow.registry.RegistryClient.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The REST API against a real (embedded) Kafka broker: endpoints, error codes, ids, compatibility, deletion. */
class SchemaRegistryServerTest {

    private static EmbeddedKafkaKraftBroker broker;
    private static SchemaRegistryServer server;
    private static RegistryClient client;

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        server = SchemaRegistryServer.start(broker.getBrokersAsString(), 0);
        client = new RegistryClient(server.url());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    // ---------------------------------------------------------------- service endpoints

    @Test
    void rootModeAndTypesAnswerJsonInTheRegistryContentType() {
        Reply root = client.get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
        assertThat(root.raw()).isEqualTo("{}");

        Reply mode = client.get("/mode");
        assertThat(mode.json().path("mode").asText()).isEqualTo("READWRITE");

        Reply types = client.get("/schemas/types");
        assertThat(types.json().toString()).isEqualTo("[\"AVRO\"]");
        assertThat(server.url()).isEqualTo("http://localhost:" + server.port());
        assertThat(server.port()).isPositive();
    }

    // ---------------------------------------------------------------- registering and reading

    @Test
    void registersAndReadsBackByIdSubjectAndVersion() {
        String schema = record("Registered", ID);
        Reply registered = client.post("/subjects/reg-value/versions", RegistryClient.schemaBody(schema));
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
        int id = registered.id();
        assertThat(id).isPositive();
        assertThat(registered.json().size()).isEqualTo(1);

        Reply byId = client.get("/schemas/ids/" + id);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
        assertThat(new Schema.Parser().parse(byId.json().path("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(schema));
        assertThat(byId.json().has("schemaType"))
                .as("AVRO is the default and left out")
                .isFalse();

        assertThat(client.get("/schemas/ids/" + id + "/schema").raw())
                .isEqualTo(byId.json().path("schema").asText());
        assertThat(client.get("/schemas/ids/" + id + "/versions").json().toString())
                .isEqualTo("[{\"subject\":\"reg-value\",\"version\":1}]");
        assertThat(client.get("/schemas/ids/" + id + "/subjects").json().toString())
                .isEqualTo("[\"reg-value\"]");

        assertThat(client.get("/subjects").json()).extracting(JsonNode::asText).contains("reg-value");
        assertThat(client.get("/subjects/reg-value/versions").json().toString()).isEqualTo("[1]");

        for (String version : List.of("1", "latest", "-1")) {
            Reply v = client.get("/subjects/reg-value/versions/" + version);
            assertThat(v.status()).isEqualTo(200);
            assertThat(v.json().path("subject").asText()).isEqualTo("reg-value");
            assertThat(v.json().path("version").asInt()).isEqualTo(1);
            assertThat(v.json().path("id").asInt()).isEqualTo(id);
            assertThat(v.json().path("schema").asText())
                    .isEqualTo(byId.json().path("schema").asText());
        }
        Reply raw = client.get("/subjects/reg-value/versions/1/schema");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.raw()).isEqualTo(byId.json().path("schema").asText());
        assertThat(client.get("/subjects/reg-value/versions/1/referencedby")
                        .json()
                        .toString())
                .isEqualTo("[]");
    }

    @Test
    void sameSchemaTwiceReturnsTheSameIdAndAddsNoVersion() {
        String schema = record("Twice", ID);
        int first = client.register("twice-value", schema);
        int second = client.register("twice-value", schema);
        // same schema, different layout and key order: still the same schema
        String relaidOut = "{ \"name\" : \"Twice\", \"fields\" : [ {\"type\":\"string\", \"name\":\"id\"} ],\n"
                + "  \"namespace\":\"io.claimflow.test\", \"type\":\"record\" }";
        int third = client.register("twice-value", relaidOut);

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(client.get("/subjects/twice-value/versions").json().toString())
                .isEqualTo("[1]");
    }

    @Test
    void sameSchemaUnderAnotherSubjectReusesTheId() {
        String schema = record("Shared", ID);
        int a = client.register("shared-a-value", schema);
        int b = client.register("shared-b-value", schema);

        assertThat(b).isEqualTo(a);
        assertThat(client.get("/subjects/shared-b-value/versions/1")
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(a);
        assertThat(client.get("/schemas/ids/" + a + "/subjects").json())
                .extracting(JsonNode::asText)
                .containsExactly("shared-a-value", "shared-b-value");
    }

    @Test
    void differentSchemasGetDifferentIncreasingIds() {
        int v1 = client.register("grow-value", record("Grow", ID));
        int v2 = client.register("grow-value", record("Grow", ID, NOTE_WITH_DEFAULT));

        assertThat(v2).isGreaterThan(v1);
        assertThat(client.get("/subjects/grow-value/versions").json().toString())
                .isEqualTo("[1,2]");
        assertThat(client.get("/subjects/grow-value/versions/latest")
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(v2);
        assertThat(client.get("/subjects/grow-value/versions/1")
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(v1);
    }

    @Test
    void concurrentRegistrationsGetDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                ids.add(pool.submit(() -> client.register("parallel-" + n + "-value", record("Parallel" + n, ID))));
            }
            Set<Integer> distinct = new HashSet<>();
            for (Future<Integer> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(12);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lookupFindsTheVersionOfARegisteredSchema() {
        String schema = record("Lookup", ID);
        int id = client.register("lookup-value", schema);
        client.register("lookup-value", record("Lookup", ID, NOTE_WITH_DEFAULT));

        Reply found = client.post("/subjects/lookup-value", RegistryClient.schemaBody(schema));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("subject").asText()).isEqualTo("lookup-value");
        assertThat(found.json().path("id").asInt()).isEqualTo(id);
        assertThat(found.json().path("version").asInt()).isEqualTo(1);
        assertThat(found.json().path("schema").asText()).contains("Lookup");

        Reply unknownSchema = client.post(
                "/subjects/lookup-value", RegistryClient.schemaBody(record("Lookup", ID, AMOUNT_WITH_DEFAULT)));
        assertThat(unknownSchema.status()).isEqualTo(404);
        assertThat(unknownSchema.errorCode()).isEqualTo(40403);
        assertThat(unknownSchema.json().path("message").asText()).isEqualTo("Schema not found");

        Reply unknownSubject = client.post("/subjects/no-such-subject", RegistryClient.schemaBody(schema));
        assertThat(unknownSubject.status()).isEqualTo(404);
        assertThat(unknownSubject.errorCode()).isEqualTo(40401);
    }

    @Test
    void subjectNamesArePercentDecoded() {
        int id = client.register("with%20space%2Bplus", record("Encoded", ID));

        assertThat(client.get("/subjects").json()).extracting(JsonNode::asText).contains("with space+plus");
        assertThat(client.get("/subjects/with%20space%2Bplus/versions/1")
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(id);
    }

    // ---------------------------------------------------------------- errors

    @Test
    void missingThingsAnswerConfluentErrorCodes() {
        client.register("errors-value", record("Errors", ID));

        assertError(client.get("/schemas/ids/999999"), 404, 40403);
        assertError(client.get("/subjects/nobody/versions"), 404, 40401);
        assertError(client.get("/subjects/nobody/versions/1"), 404, 40401);
        assertError(client.get("/subjects/nobody/versions/latest"), 404, 40401);
        assertError(client.get("/subjects/errors-value/versions/42"), 404, 40402);
        assertError(client.get("/subjects/errors-value/versions/0"), 422, 42202);
        assertError(client.get("/subjects/errors-value/versions/abc"), 422, 42202);
        assertThat(client.get("/schemas/ids/999999").json().path("message").asText())
                .isEqualTo("Schema 999999 not found");
        assertThat(client.get("/subjects/nobody/versions")
                        .json()
                        .path("message")
                        .asText())
                .isEqualTo("Subject 'nobody' not found.");
    }

    @Test
    void invalidSchemasAreRejectedWith42201() {
        assertError(
                client.post("/subjects/invalid-value/versions", RegistryClient.schemaBody("{not avro")), 422, 42201);
        assertError(
                client.post(
                        "/subjects/invalid-value/versions",
                        RegistryClient.schemaBody(
                                "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\"}]}")),
                422,
                42201);
        // a default that does not match its type
        assertError(
                client.post(
                        "/subjects/invalid-value/versions",
                        RegistryClient.schemaBody(
                                record("BadDefault", "{\"name\":\"n\",\"type\":\"int\",\"default\":\"x\"}"))),
                422,
                42201);
        assertError(
                client.post("/subjects/invalid-value/versions", RegistryClient.JSON.createObjectNode()), 422, 42201);
        assertError(
                client.post(
                        "/subjects/invalid-value/versions",
                        RegistryClient.schemaBody("{}").put("schemaType", "PROTOBUF")),
                422,
                42201);
        assertError(
                client.post("/compatibility/subjects/invalid-value/versions/latest", RegistryClient.schemaBody("nope")),
                422,
                42201);
        assertError(client.post("/subjects/invalid-value", RegistryClient.schemaBody("nope")), 422, 42201);
        // nothing was registered on the way
        assertError(client.get("/subjects/invalid-value/versions"), 404, 40401);
    }

    @Test
    void explicitAvroSchemaTypeIsAccepted() {
        int id = client.register("typed-value", record("Typed", ID));
        Reply again = client.post(
                "/subjects/typed-value/versions",
                RegistryClient.schemaBody(record("Typed", ID)).put("schemaType", "AVRO"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.id()).isEqualTo(id);
    }

    @Test
    void unknownPathsMethodsAndMediaTypesAreRejectedLikeJersey() {
        assertError(client.get("/nothing/here"), 404, 404);
        assertError(client.get("/subjects/x/versions/1/nothing"), 404, 404);
        assertError(client.get("/schemas/ids/notanumber"), 404, 404);
        assertError(client.send("PUT", "/subjects", RegistryClient.CONTENT_TYPE, null, "{}"), 405, 405);
        assertError(client.send("PATCH", "/config", RegistryClient.CONTENT_TYPE, null, "{}"), 405, 405);
        assertError(
                client.send(
                        "POST",
                        "/subjects/media-value/versions",
                        "text/plain",
                        null,
                        "{\"schema\":\"\\\"string\\\"\"}"),
                415,
                415);
        assertError(client.send("GET", "/subjects", null, "text/html", null), 406, 406);
        assertError(
                client.send(
                        "POST", "/subjects/media-value/versions", RegistryClient.CONTENT_TYPE, null, "{\"schema\": "),
                400,
                400);
    }

    @Test
    void acceptsPlainJsonAndTheUnversionedRegistryMediaType() {
        String body = "{\"schema\":\"\\\"string\\\"\"}";
        Reply json = client.send(
                "POST", "/subjects/media-json-value/versions", "application/json", "application/json", body);
        Reply unversioned = client.send(
                "POST",
                "/subjects/media-unversioned-value/versions",
                "application/vnd.schemaregistry+json",
                "application/vnd.schemaregistry+json",
                body);
        Reply noHeaders = client.send("GET", "/subjects/media-json-value/versions", null, null, null);

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
        assertThat(unversioned.status()).isEqualTo(200);
        assertThat(unversioned.id()).isEqualTo(json.id());
        assertThat(noHeaders.json().toString()).isEqualTo("[1]");
    }

    // ---------------------------------------------------------------- compatibility

    @Test
    void backwardIsTheDefaultAndRejectsANewFieldWithoutDefault() {
        client.register("backward-value", record("Backward", ID));

        Reply incompatible = client.post(
                "/subjects/backward-value/versions", RegistryClient.schemaBody(record("Backward", ID, AMOUNT)));
        assertThat(incompatible.status()).isEqualTo(409);
        assertThat(incompatible.errorCode()).isEqualTo(409);
        assertThat(incompatible.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
        assertThat(incompatible.json().path("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject "
                        + "\"backward-value\"")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(client.get("/subjects/backward-value/versions").json().toString())
                .isEqualTo("[1]");

        // a new field with a default, and later dropping a field, are both backward compatible
        client.register("backward-value", record("Backward", ID, AMOUNT_WITH_DEFAULT));
        client.register("backward-value", record("Backward", AMOUNT_WITH_DEFAULT));
        assertThat(client.get("/subjects/backward-value/versions").json().toString())
                .isEqualTo("[1,2,3]");
    }

    @Test
    void forwardLetsOldReadersReadNewData() {
        setLevel("forward-value", "FORWARD");
        client.register("forward-value", record("Forward", ID, AMOUNT));

        // dropping a field the old reader needs (it has no default there) breaks old readers
        assertError(
                client.post("/subjects/forward-value/versions", RegistryClient.schemaBody(record("Forward", ID))),
                409,
                409);
        // a new field without default is fine for old readers: they skip it
        client.register("forward-value", record("Forward", ID, AMOUNT, NOTE));
        assertThat(client.get("/subjects/forward-value/versions").json().toString())
                .isEqualTo("[1,2]");
    }

    @Test
    void fullNeedsBothDirections() {
        setLevel("full-value", "FULL");
        client.register("full-value", record("Full", ID, AMOUNT_WITH_DEFAULT));

        // old readers would skip it, but the new reader has no value for it in old data
        assertError(
                client.post(
                        "/subjects/full-value/versions",
                        RegistryClient.schemaBody(record("Full", ID, AMOUNT_WITH_DEFAULT, NOTE))),
                409,
                409);
        client.register("full-value", record("Full", ID, AMOUNT_WITH_DEFAULT, NOTE_WITH_DEFAULT));
        // removing a field that has a default is fine both ways
        client.register("full-value", record("Full", ID, NOTE_WITH_DEFAULT));
        assertThat(client.get("/subjects/full-value/versions").json().toString())
                .isEqualTo("[1,2,3]");
    }

    @Test
    void noneAcceptsAnything() {
        setLevel("none-value", "NONE");
        client.register("none-value", record("None", ID));
        client.register("none-value", record("None", "{\"name\":\"id\",\"type\":\"int\"}"));
        client.register("none-value", "\"string\"");
        assertThat(client.get("/subjects/none-value/versions").json().toString())
                .isEqualTo("[1,2,3]");

        // the same change under the default BACKWARD is refused
        client.register("none-control-value", record("None", ID));
        assertError(
                client.post(
                        "/subjects/none-control-value/versions",
                        RegistryClient.schemaBody(record("None", "{\"name\":\"id\",\"type\":\"int\"}"))),
                409,
                409);
    }

    @Test
    void transitiveChecksEveryVersionNotOnlyTheLatest() {
        String v1 = record("Transitive", ID, "{\"name\":\"b\",\"type\":\"string\"}");
        String v2 = record("Transitive", ID);
        // reads v2 data (b missing: default), but not v1 data (b is a string there)
        String v3 = record("Transitive", ID, "{\"name\":\"b\",\"type\":\"int\",\"default\":0}");

        client.register("backward-plain-value", v1);
        client.register("backward-plain-value", v2);
        assertThat(client.post("/subjects/backward-plain-value/versions", RegistryClient.schemaBody(v3))
                        .status())
                .isEqualTo(200);

        setLevel("backward-transitive-value", "BACKWARD_TRANSITIVE");
        client.register("backward-transitive-value", v1);
        client.register("backward-transitive-value", v2);
        Reply refused = client.post("/subjects/backward-transitive-value/versions", RegistryClient.schemaBody(v3));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("version 1");
    }

    @Test
    void compatibilityEndpointChecksWithoutRegistering() {
        client.register("compat-value", record("Compat", ID));
        String bad = record("Compat", ID, AMOUNT);
        String good = record("Compat", ID, AMOUNT_WITH_DEFAULT);

        Reply no = client.post("/compatibility/subjects/compat-value/versions/latest", RegistryClient.schemaBody(bad));
        assertThat(no.status()).isEqualTo(200);
        assertThat(no.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
        assertThat(no.json().path("is_compatible").asBoolean(true)).isFalse();
        assertThat(no.json().has("messages")).isFalse();

        Reply verbose = client.post(
                "/compatibility/subjects/compat-value/versions/latest?verbose=true", RegistryClient.schemaBody(bad));
        assertThat(verbose.json().path("is_compatible").asBoolean(true)).isFalse();
        assertThat(verbose.json().path("messages")).isNotEmpty();
        assertThat(verbose.json().path("messages").get(0).asText()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");

        Reply yes = client.post(
                "/compatibility/subjects/compat-value/versions/1?verbose=true", RegistryClient.schemaBody(good));
        assertThat(yes.json().path("is_compatible").asBoolean()).isTrue();
        assertThat(yes.json().path("messages")).isEmpty();
        assertThat(client.post("/compatibility/subjects/compat-value/versions", RegistryClient.schemaBody(good))
                        .json()
                        .path("is_compatible")
                        .asBoolean())
                .isTrue();

        // nothing registered by checking
        assertThat(client.get("/subjects/compat-value/versions").json().toString())
                .isEqualTo("[1]");

        // a subject without versions accepts anything for "latest", but a named version must exist
        assertThat(client.post(
                                "/compatibility/subjects/compat-new-value/versions/latest",
                                RegistryClient.schemaBody(bad))
                        .json()
                        .path("is_compatible")
                        .asBoolean())
                .isTrue();
        assertError(
                client.post("/compatibility/subjects/compat-new-value/versions/1", RegistryClient.schemaBody(bad)),
                404,
                40401);
        assertError(
                client.post("/compatibility/subjects/compat-value/versions/7", RegistryClient.schemaBody(bad)),
                404,
                40402);
    }

    // ---------------------------------------------------------------- config

    @Test
    void subjectConfigCanBeSetReadAndDeleted() {
        assertThat(client.get("/config").json().path("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");

        Reply set = client.put("/config/configured-value", "{\"compatibility\":\"FULL\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
        assertThat(set.json().toString()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(client.get("/config/configured-value").json().toString())
                .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");

        assertError(client.get("/config/unconfigured-value"), 404, 40408);
        assertThat(client.get("/config/unconfigured-value?defaultToGlobal=true")
                        .json()
                        .path("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD");

        Reply deleted = client.delete("/config/configured-value");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("compatibilityLevel").asText()).isEqualTo("FULL");
        assertError(client.get("/config/configured-value"), 404, 40408);
    }

    @Test
    void invalidCompatibilityLevelsAreRejectedWith42203() {
        assertError(client.put("/config/level-value", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertError(client.put("/config", "{}"), 422, 42203);
        assertError(client.get("/config/level-value"), 404, 40408);
        assertThat(client.get("/config").json().path("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void subjectLevelOverridesTheGlobalLevel() {
        try {
            assertThat(client.put("/config", "{\"compatibility\":\"NONE\"}")
                            .json()
                            .path("compatibility")
                            .asText())
                    .isEqualTo("NONE");
            assertThat(client.get("/config").json().path("compatibilityLevel").asText())
                    .isEqualTo("NONE");

            client.register("global-none-value", record("Global", ID));
            client.register("global-none-value", record("Global", ID, AMOUNT));

            setLevel("global-override-value", "backward"); // lower case is accepted too
            assertThat(client.get("/config/global-override-value")
                            .json()
                            .path("compatibilityLevel")
                            .asText())
                    .isEqualTo("BACKWARD");
            client.register("global-override-value", record("Global", ID));
            assertError(
                    client.post(
                            "/subjects/global-override-value/versions",
                            RegistryClient.schemaBody(record("Global", ID, AMOUNT))),
                    409,
                    409);
        } finally {
            client.put("/config", "{\"compatibility\":\"BACKWARD\"}");
        }
    }

    // ---------------------------------------------------------------- deletion

    @Test
    void softDeletedSubjectsHideButKeepTheirIds() {
        int v1 = client.register("soft-value", record("Soft", ID));
        client.register("soft-value", record("Soft", ID, NOTE_WITH_DEFAULT));

        Reply deleted = client.delete("/subjects/soft-value");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
        assertThat(deleted.json().toString()).isEqualTo("[1,2]");

        assertThat(client.get("/subjects").json()).extracting(JsonNode::asText).doesNotContain("soft-value");
        assertThat(client.get("/subjects?deleted=true").json())
                .extracting(JsonNode::asText)
                .contains("soft-value");
        assertError(client.get("/subjects/soft-value/versions"), 404, 40401);
        assertThat(client.get("/subjects/soft-value/versions?deleted=true")
                        .json()
                        .toString())
                .isEqualTo("[1,2]");
        assertThat(client.get("/subjects/soft-value/versions/1?deleted=true")
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(v1);
        assertThat(client.get("/schemas/ids/" + v1).status()).isEqualTo(200);
        assertError(client.post("/subjects/soft-value", RegistryClient.schemaBody(record("Soft", ID))), 404, 40401);
        assertError(client.delete("/subjects/soft-value"), 404, 40404);

        // registering again starts after the deleted versions, with the same id for the same schema
        Reply again = client.post("/subjects/soft-value/versions", RegistryClient.schemaBody(record("Soft", ID)));
        assertThat(again.id()).isEqualTo(v1);
        assertThat(client.get("/subjects/soft-value/versions").json().toString())
                .isEqualTo("[3]");
    }

    @Test
    void permanentDeletionNeedsASoftDeleteFirstAndRemovesTheSchema() {
        String schema = record("Permanent", ID);
        int id = client.register("permanent-value", schema);
        setLevel("permanent-value", "FULL");

        assertError(client.delete("/subjects/permanent-value?permanent=true"), 404, 40405);
        assertThat(client.delete("/subjects/permanent-value").json().toString()).isEqualTo("[1]");
        Reply gone = client.delete("/subjects/permanent-value?permanent=true");
        assertThat(gone.status()).isEqualTo(200);
        assertThat(gone.json().toString()).isEqualTo("[1]");

        assertThat(client.get("/subjects?deleted=true").json())
                .extracting(JsonNode::asText)
                .doesNotContain("permanent-value");
        assertError(client.get("/subjects/permanent-value/versions?deleted=true"), 404, 40401);
        assertError(client.get("/schemas/ids/" + id), 404, 40403);
        assertError(client.get("/config/permanent-value"), 404, 40408);
        assertError(client.delete("/subjects/permanent-value"), 404, 40401);

        // the schema comes back as version 1 with a new id: ids are never handed out twice
        int again = client.register("permanent-value", schema);
        assertThat(again).isGreaterThan(id);
        assertThat(client.get("/subjects/permanent-value/versions").json().toString())
                .isEqualTo("[1]");
    }

    @Test
    void singleVersionsCanBeDeleted() {
        client.register("version-delete-value", record("VersionDelete", ID));
        int v2 = client.register("version-delete-value", record("VersionDelete", ID, NOTE_WITH_DEFAULT));

        assertError(client.delete("/subjects/version-delete-value/versions/2?permanent=true"), 404, 40407);
        Reply soft = client.delete("/subjects/version-delete-value/versions/2");
        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.json().asInt()).isEqualTo(2);
        assertThat(client.get("/subjects/version-delete-value/versions").json().toString())
                .isEqualTo("[1]");
        assertThat(client.get("/subjects/version-delete-value/versions/latest")
                        .json()
                        .path("version")
                        .asInt())
                .isEqualTo(1);
        assertError(client.get("/subjects/version-delete-value/versions/2"), 404, 40402);
        assertThat(client.get("/subjects/version-delete-value/versions/2?deleted=true")
                        .json()
                        .path("id")
                        .asInt())
                .isEqualTo(v2);
        assertError(client.delete("/subjects/version-delete-value/versions/2"), 404, 40406);
        assertError(client.delete("/subjects/version-delete-value/versions/9"), 404, 40402);

        assertThat(client.delete("/subjects/version-delete-value/versions/2?permanent=true")
                        .json()
                        .asInt())
                .isEqualTo(2);
        assertThat(client.get("/subjects/version-delete-value/versions?deleted=true")
                        .json()
                        .toString())
                .isEqualTo("[1]");
        assertError(client.get("/schemas/ids/" + v2), 404, 40403);
        assertThat(client.delete("/subjects/version-delete-value/versions/latest")
                        .json()
                        .asInt())
                .isEqualTo(1);
        assertError(client.get("/subjects/version-delete-value/versions"), 404, 40401);
    }

    // ---------------------------------------------------------------- helpers

    private static void setLevel(String subject, String level) {
        Reply reply = client.put("/config/" + subject, "{\"compatibility\":\"" + level + "\"}");
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }

    private static void assertError(Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.contentType()).isEqualTo(RegistryClient.CONTENT_TYPE);
        assertThat(reply.errorCode()).as(reply.raw()).isEqualTo(errorCode);
        assertThat(reply.json().path("message").asText()).isNotBlank();
    }
}
