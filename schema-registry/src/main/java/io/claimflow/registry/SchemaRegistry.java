package io.claimflow.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state and operations. The state is only ever changed by {@link #apply}, both when the Kafka log is
 * replayed at start-up and after each acknowledged append, so memory is always the replay of the log. Writes hold
 * the write lock across append and apply, which serialises them; reads share the read lock.
 *
 * <p>Log records (JSON): key {@code {"keytype":"SCHEMA","subject":s,"version":v,"magic":1}} with value
 * {@code {"subject","version","id","schemaType","schema","deleted"}} (a tombstone deletes permanently);
 * key {@code {"keytype":"CONFIG","subject":s|null,"magic":0}} with value {@code {"compatibilityLevel":...}}
 * (tombstone: back to the default); key {@code {"keytype":"ID_HIGH_WATER","magic":0}} with value
 * {@code {"maxId":n}}, written before permanent deletes so that compaction of tombstones can never make an id
 * be handed out twice.
 */
final class SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistry.class);

    private static final String SCHEMA = "SCHEMA";
    private static final String CONFIG = "CONFIG";
    private static final String ID_HIGH_WATER = "ID_HIGH_WATER";

    /** One version of a subject. */
    record SchemaVersion(String subject, int version, int id, boolean deleted) {}

    /** A schema by its global id, parsed once. */
    record StoredSchema(int id, String type, String canonical, Schema parsed) {}

    /** A version joined with its schema, what the version endpoints answer. */
    record VersionedSchema(String subject, int version, int id, String type, String schema) {}

    /** Outcome of a compatibility check. */
    record CompatibilityResult(boolean compatible, List<String> messages) {}

    private final ObjectMapper json;
    private final KafkaLog log;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Integer, StoredSchema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    /** How many versions (soft-deleted included) use each id; an id disappears with its last version. */
    private final Map<Integer, Integer> versionsPerId = new HashMap<>();

    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    /** The highest id ever seen in the log, live or not: new ids are above it. */
    private int maxId;

    SchemaRegistry(ObjectMapper json, KafkaLog log) {
        this.json = json;
        this.log = log;
    }

    /** Rebuilds the state from the whole topic. */
    void load() {
        write(() -> {
            log.replay(this::apply);
            LOG.info(
                    "Schema registry state: {} subjects, {} schemas, highest id {}",
                    subjects.size(),
                    schemasById.size(),
                    maxId);
            return null;
        });
    }

    // ---------------------------------------------------------------- writes

    /** Registers a schema under a subject and returns its id; an identical live version answers its id. */
    int register(String subject, String schemaText) {
        Schema schema = AvroSchemas.parse(schemaText);
        String canonical = AvroSchemas.canonical(schema);
        return write(() -> {
            NavigableMap<Integer, SchemaVersion> versions = subjects.getOrDefault(subject, new TreeMap<>());
            for (SchemaVersion version : versions.values()) {
                if (!version.deleted()
                        && schemasById.get(version.id()).canonical().equals(canonical)) {
                    return version.id();
                }
            }
            Integer knownId = idsByCanonical.get(canonical);
            CompatibilityLevel level = effectiveLevel(subject);
            List<String> problems = AvroSchemas.incompatibilities(level, schema, earlier(versions));
            if (!problems.isEmpty()) {
                throw RegistryException.incompatibleSchema("Schema being registered is incompatible with an"
                        + " earlier schema for subject \"" + subject + "\", details: " + problems
                        + " {compatibility: '" + level + "'}");
            }
            int id = knownId != null ? knownId : maxId + 1;
            int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
            try {
                append(schemaKey(subject, version), schemaValue(subject, version, id, canonical, false));
            } catch (RegistryException e) {
                // the record may still have reached the log; never hand this id to another schema
                maxId = Math.max(maxId, id);
                throw e;
            }
            LOG.info("Registered schema id {} as subject {} version {}", id, subject, version);
            return id;
        });
    }

    /** Sets the level of a subject, or the global level when subject is null. */
    void setLevel(String subject, CompatibilityLevel level) {
        write(() -> {
            ObjectNode value = json.createObjectNode().put("compatibilityLevel", level.name());
            append(configKey(subject), value);
            return null;
        });
    }

    /**
     * Removes the level of a subject (or resets the global one) and answers the level that applied before.
     */
    CompatibilityLevel deleteLevel(String subject) {
        return write(() -> {
            CompatibilityLevel before = subject == null ? globalLevel() : subjectLevels.get(subject);
            if (subject != null && before == null) {
                if (!subjects.containsKey(subject)) {
                    throw RegistryException.subjectNotFound(subject);
                }
                return globalLevel();
            }
            append(configKey(subject), null);
            return before;
        });
    }

    /** Soft or permanent deletion of a whole subject; answers the versions deleted. */
    List<Integer> deleteSubject(String subject, boolean permanent) {
        return write(() -> {
            NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
            if (versions == null) {
                throw RegistryException.subjectNotFound(subject);
            }
            boolean anyLive = versions.values().stream().anyMatch(v -> !v.deleted());
            List<Integer> deleted = new ArrayList<>();
            if (!permanent) {
                if (!anyLive) {
                    throw RegistryException.subjectSoftDeleted(subject);
                }
                for (SchemaVersion version : List.copyOf(versions.values())) {
                    if (!version.deleted()) {
                        softDelete(version);
                        deleted.add(version.version());
                    }
                }
                LOG.info("Soft-deleted subject {} versions {}", subject, deleted);
                return deleted;
            }
            if (anyLive) {
                throw RegistryException.subjectNotSoftDeleted(subject);
            }
            writeHighWater();
            for (SchemaVersion version : List.copyOf(versions.values())) {
                append(schemaKey(subject, version.version()), null);
                deleted.add(version.version());
            }
            if (subjectLevels.containsKey(subject)) {
                // Confluent drops the subject's config with the subject
                append(configKey(subject), null);
            }
            LOG.info("Permanently deleted subject {} versions {}", subject, deleted);
            return deleted;
        });
    }

    /** Soft or permanent deletion of one version ({@code null} = latest); answers the version number. */
    int deleteVersion(String subject, Integer requested, boolean permanent) {
        return write(() -> {
            NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
            if (versions == null || (!permanent && versions.values().stream().allMatch(SchemaVersion::deleted))) {
                throw RegistryException.subjectNotFound(subject);
            }
            SchemaVersion version = requested != null
                    ? versions.get(requested)
                    : permanent
                            ? versions.lastEntry().getValue()
                            : latestLive(versions).orElse(null);
            if (version == null) {
                throw RegistryException.versionNotFound(requested == null ? -1 : requested);
            }
            if (!permanent) {
                if (version.deleted()) {
                    throw RegistryException.versionSoftDeleted(subject, version.version());
                }
                softDelete(version);
            } else {
                if (!version.deleted()) {
                    throw RegistryException.versionNotSoftDeleted(subject, version.version());
                }
                writeHighWater();
                append(schemaKey(subject, version.version()), null);
            }
            LOG.info(
                    "{} subject {} version {}",
                    permanent ? "Permanently deleted" : "Soft-deleted",
                    subject,
                    version.version());
            return version.version();
        });
    }

    private void softDelete(SchemaVersion version) {
        StoredSchema schema = schemasById.get(version.id());
        append(
                schemaKey(version.subject(), version.version()),
                schemaValue(version.subject(), version.version(), version.id(), schema.canonical(), true));
    }

    private void writeHighWater() {
        append(
                json.createObjectNode().put("keytype", ID_HIGH_WATER).put("magic", 0),
                json.createObjectNode().put("maxId", maxId));
    }

    // ---------------------------------------------------------------- reads

    /** Finds the version of a subject holding this schema. */
    VersionedSchema lookup(String subject, String schemaText, boolean includeDeleted) {
        String canonical = AvroSchemas.canonical(AvroSchemas.parse(schemaText));
        return read(() -> {
            NavigableMap<Integer, SchemaVersion> versions = visibleVersions(subject, includeDeleted);
            return versions.descendingMap().values().stream()
                    .filter(v -> schemasById.get(v.id()).canonical().equals(canonical))
                    .findFirst()
                    .map(this::join)
                    .orElseThrow(RegistryException::schemaNotFound);
        });
    }

    Optional<StoredSchema> schemaById(int id) {
        return read(() -> Optional.ofNullable(schemasById.get(id)));
    }

    /** The subject-versions using an id. */
    List<SchemaVersion> versionsOfId(int id, boolean includeDeleted) {
        return read(() -> {
            if (!schemasById.containsKey(id)) {
                throw RegistryException.schemaNotFound(id);
            }
            List<SchemaVersion> result = new ArrayList<>();
            for (NavigableMap<Integer, SchemaVersion> versions : subjects.values()) {
                for (SchemaVersion version : versions.values()) {
                    if (version.id() == id && (includeDeleted || !version.deleted())) {
                        result.add(version);
                    }
                }
            }
            return result;
        });
    }

    List<String> subjects(boolean includeDeleted) {
        return read(() -> subjects.entrySet().stream()
                .filter(e -> includeDeleted || e.getValue().values().stream().anyMatch(v -> !v.deleted()))
                .map(Map.Entry::getKey)
                .toList());
    }

    List<Integer> versions(String subject, boolean includeDeleted) {
        return read(() -> List.copyOf(visibleVersions(subject, includeDeleted).keySet()));
    }

    /** One version ({@code null} = latest) of a subject. */
    VersionedSchema version(String subject, Integer requested, boolean includeDeleted) {
        return read(() -> {
            NavigableMap<Integer, SchemaVersion> versions = visibleVersions(subject, includeDeleted);
            SchemaVersion version = requested == null ? versions.lastEntry().getValue() : versions.get(requested);
            if (version == null) {
                throw RegistryException.versionNotFound(requested);
            }
            return join(version);
        });
    }

    /**
     * Checks a schema against one version, or ({@code requested == null}) against the live versions as the
     * subject's level demands; a subject without versions accepts anything when no version is named.
     */
    CompatibilityResult checkCompatibility(String subject, Integer requested, String schemaText) {
        Schema schema = AvroSchemas.parse(schemaText);
        return read(() -> {
            List<AvroSchemas.Earlier> earlier;
            if (requested == null) {
                earlier = earlier(subjects.getOrDefault(subject, new TreeMap<>()));
            } else {
                SchemaVersion version = visibleVersions(subject, false).get(requested);
                if (version == null) {
                    throw RegistryException.versionNotFound(requested);
                }
                earlier = List.of(new AvroSchemas.Earlier(
                        version.version(), schemasById.get(version.id()).parsed()));
            }
            List<String> messages = AvroSchemas.incompatibilities(effectiveLevel(subject), schema, earlier);
            return new CompatibilityResult(messages.isEmpty(), messages);
        });
    }

    CompatibilityLevel globalLevel() {
        return read(() -> globalLevel != null ? globalLevel : CompatibilityLevel.DEFAULT);
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return read(() -> Optional.ofNullable(subjectLevels.get(subject)));
    }

    // ---------------------------------------------------------------- helpers (lock held)

    private CompatibilityLevel effectiveLevel(String subject) {
        CompatibilityLevel level = subjectLevels.get(subject);
        if (level != null) {
            return level;
        }
        return globalLevel != null ? globalLevel : CompatibilityLevel.DEFAULT;
    }

    private List<AvroSchemas.Earlier> earlier(NavigableMap<Integer, SchemaVersion> versions) {
        List<AvroSchemas.Earlier> result = new ArrayList<>();
        for (SchemaVersion version : versions.values()) {
            if (!version.deleted()) {
                result.add(new AvroSchemas.Earlier(
                        version.version(), schemasById.get(version.id()).parsed()));
            }
        }
        return result;
    }

    private NavigableMap<Integer, SchemaVersion> visibleVersions(String subject, boolean includeDeleted) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions == null) {
            throw RegistryException.subjectNotFound(subject);
        }
        if (includeDeleted) {
            return versions;
        }
        NavigableMap<Integer, SchemaVersion> live = new TreeMap<>();
        versions.forEach((number, version) -> {
            if (!version.deleted()) {
                live.put(number, version);
            }
        });
        if (live.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return live;
    }

    private static Optional<SchemaVersion> latestLive(NavigableMap<Integer, SchemaVersion> versions) {
        return versions.descendingMap().values().stream()
                .filter(v -> !v.deleted())
                .findFirst();
    }

    private VersionedSchema join(SchemaVersion version) {
        StoredSchema schema = schemasById.get(version.id());
        return new VersionedSchema(
                version.subject(), version.version(), version.id(), schema.type(), schema.canonical());
    }

    // ---------------------------------------------------------------- the log

    private ObjectNode schemaKey(String subject, int version) {
        // field order is fixed: compaction compares key bytes
        return json.createObjectNode()
                .put("keytype", SCHEMA)
                .put("subject", subject)
                .put("version", version)
                .put("magic", 1);
    }

    private ObjectNode configKey(String subject) {
        return json.createObjectNode()
                .put("keytype", CONFIG)
                .put("subject", subject)
                .put("magic", 0);
    }

    private ObjectNode schemaValue(String subject, int version, int id, String canonical, boolean deleted) {
        return json.createObjectNode()
                .put("subject", subject)
                .put("version", version)
                .put("id", id)
                .put("schemaType", AvroSchemas.TYPE)
                .put("schema", canonical)
                .put("deleted", deleted);
    }

    private void append(ObjectNode key, ObjectNode value) {
        byte[] keyBytes;
        byte[] valueBytes;
        try {
            keyBytes = json.writeValueAsBytes(key);
            valueBytes = value == null ? null : json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        log.append(keyBytes, valueBytes);
        apply(keyBytes, valueBytes);
    }

    /** Applies one log record to the state; the only place the state changes. */
    private void apply(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key;
        JsonNode value;
        try {
            key = json.readTree(keyBytes);
            value = valueBytes == null ? null : json.readTree(valueBytes);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping unreadable record in schema topic: {}", e.toString());
            return;
        }
        String keytype = key == null ? "" : key.path("keytype").asText();
        switch (keytype) {
            case SCHEMA ->
                applySchema(key.path("subject").asText(), key.path("version").asInt(), value);
            case CONFIG ->
                applyConfig(
                        key.path("subject").isTextual() ? key.path("subject").asText() : null, value);
            case ID_HIGH_WATER ->
                maxId = Math.max(maxId, value == null ? 0 : value.path("maxId").asInt());
            default -> LOG.debug("Ignoring record of key type {}", keytype);
        }
    }

    private void applySchema(String subject, int number, JsonNode value) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.computeIfAbsent(subject, s -> new TreeMap<>());
        SchemaVersion previous = versions.remove(number);
        if (previous != null) {
            release(previous.id());
        }
        if (value != null) {
            int id = value.path("id").asInt();
            maxId = Math.max(maxId, id);
            if (!schemasById.containsKey(id)) {
                String type = value.path("schemaType").asText(AvroSchemas.TYPE);
                String text = value.path("schema").asText();
                Schema parsed;
                try {
                    parsed = AvroSchemas.parse(text);
                } catch (RegistryException e) {
                    LOG.warn("Skipping unparseable schema id {} in schema topic: {}", id, e.getMessage());
                    removeIfEmpty(subject, versions);
                    return;
                }
                String canonical = AvroSchemas.canonical(parsed);
                schemasById.put(id, new StoredSchema(id, type, canonical, parsed));
                idsByCanonical.putIfAbsent(canonical, id);
            }
            versionsPerId.merge(id, 1, Integer::sum);
            versions.put(
                    number,
                    new SchemaVersion(subject, number, id, value.path("deleted").asBoolean(false)));
        }
        removeIfEmpty(subject, versions);
    }

    private void removeIfEmpty(String subject, NavigableMap<Integer, SchemaVersion> versions) {
        if (versions.isEmpty()) {
            subjects.remove(subject);
        }
    }

    private void release(int id) {
        Integer remaining = versionsPerId.merge(id, -1, Integer::sum);
        if (remaining != null && remaining <= 0) {
            versionsPerId.remove(id);
            StoredSchema schema = schemasById.remove(id);
            if (schema != null) {
                idsByCanonical.remove(schema.canonical(), id);
            }
        }
    }

    private void applyConfig(String subject, JsonNode value) {
        CompatibilityLevel level = value == null
                ? null
                : CompatibilityLevel.parse(value.path("compatibilityLevel").asText(null))
                        .orElse(null);
        if (subject == null) {
            globalLevel = level;
        } else if (level == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, level);
        }
    }

    // ---------------------------------------------------------------- locking

    private <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }
}
