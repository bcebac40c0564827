package io.claimflow.schemas.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;

/**
 * The sample event of each type (schemas/samples/&lt;Event&gt;.json), loaded from the classpath. The samples tell
 * one story: an established-patient office visit (hypertension, type 2 diabetes; 99214 and 83036) whose HbA1c line
 * is denied for a coding reason, sent back to coding, while the visit itself is paid.
 */
public final class Samples {

    private Samples() {}

    /** Classpath resource name of the sample for {@code type}: {@code samples/<SimpleName>.json}. */
    public static String resourceName(Class<?> type) {
        return "samples/" + type.getSimpleName() + ".json";
    }

    /** The sample JSON text for the event class {@code type}. */
    public static String json(Class<? extends SpecificRecord> type) {
        try (InputStream in = open(type)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample for the event class {@code type}, as a record (a fresh copy on every call). */
    public static <T extends SpecificRecord> T load(Class<T> type) {
        try (InputStream in = open(type)) {
            return JsonRecords.read(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(Class<?> type) {
        InputStream in = Samples.class.getClassLoader().getResourceAsStream(resourceName(type));
        if (in == null) {
            throw new IllegalArgumentException("No sample " + resourceName(type) + " on the classpath");
        }
        return in;
    }
}
