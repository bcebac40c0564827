package io.claimflow.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile JSON request bodies for REST fuzzing: objects that use the endpoint's own field names (so bodies get past
 * "unknown shape" and into binding and validation) with values of every wrong type and range: huge, negative and
 * fractional numbers, exponents, dates in odd formats and years, very long and control-character strings, NUL,
 * nesting, nulls, duplicates, and broken JSON. Deterministic for a seed, so a failure is reproduced by its seed.
 *
 * <p>Every string value carries {@link #MARKER}, so a test can check that no answer quotes what it was sent. A bounded
 * run per endpoint is part of the build ({@code claimflow.fuzz.iterations}, default 25); a longer run is the same test
 * with a bigger number, e.g. {@code -Dclaimflow.fuzz.iterations=5000 -Dclaimflow.fuzz.seed=7}.
 */
public final class JsonFuzz {

    /** In every generated string: the answer to a bad body must never contain it. */
    public static final String MARKER = "Fz9q";

    private static final String[] NUMBERS = {
        "0",
        "-1",
        "1.5",
        "2.5",
        "-0.01",
        "1e309",
        "-1e309",
        "1E2",
        "0.000001",
        "99999999999999999999999999",
        "9223372036854775808",
        "-9223372036854775809",
        "1.0000000000000001",
        "NaN",
        "Infinity",
        "00012",
        "0x1F",
        "+5",
        ".5"
    };
    private static final String[] DATES = {
        "0001-01-01",
        "1900-01-01",
        "1899-12-31",
        "+10000-01-01",
        "+99999-12-31",
        "2026-02-30",
        "2026-13-01",
        "2026-1-1",
        "20260310",
        "2026-03-10T10:00:00Z",
        "-2026-03-10",
        "yesterday",
        ""
    };
    private static final String[] STRINGS = {
        "",
        " ",
        "\\u0000",
        "\\n\\r\\t",
        "<script>alert(1)</script>",
        "'; DROP TABLE claim; --",
        "O*H",
        "43215~N4*X",
        "|^~\\\\&",
        "\\ud800",
        "\\u202e",
        "%s%n",
        "${jndi:ldap://x}",
        "CASH",
        "CHECK",
        "E11.9",
        "99213",
        "APPROVED",
        "OPEN"
    };

    private final Random random;
    private final List<String> fields;
    private int counter;

    private JsonFuzz(long seed, List<String> fields) {
        this.random = new Random(seed);
        this.fields = List.copyOf(fields);
    }

    /** The iterations per endpoint: {@code -Dclaimflow.fuzz.iterations}, default 25. */
    public static int iterations() {
        return Integer.getInteger("claimflow.fuzz.iterations", 25);
    }

    /** The seed: {@code -Dclaimflow.fuzz.seed}, default 19. */
    public static long seed() {
        return Long.getLong("claimflow.fuzz.seed", 19L);
    }

    /** {@code count} bodies for an endpoint whose body has {@code fields}, from {@code seed}. */
    public static List<String> bodies(long seed, int count, List<String> fields) {
        JsonFuzz fuzz = new JsonFuzz(seed, fields);
        List<String> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(fuzz.body());
        }
        return bodies;
    }

    private String body() {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return value(0); // not an object at all
        }
        String object = object(0, true);
        if (kind == 1) {
            return object.substring(0, random.nextInt(object.length())); // cut short
        }
        if (kind == 2) {
            return object + object; // trailing content
        }
        return object;
    }

    private String object(int depth, boolean ownFields) {
        StringBuilder out = new StringBuilder("{");
        int size = random.nextInt(ownFields ? fields.size() + 3 : 4);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(',');
            }
            String name = ownFields && !fields.isEmpty() && random.nextInt(5) > 0
                    ? fields.get(random.nextInt(fields.size()))
                    : MARKER + "f" + random.nextInt(100);
            out.append('"').append(name).append("\":").append(value(depth + 1));
        }
        return out.append('}').toString();
    }

    private String value(int depth) {
        switch (random.nextInt(depth > 2 ? 6 : 9)) {
            case 0:
                return NUMBERS[random.nextInt(NUMBERS.length)];
            case 1:
                return quoted(DATES[random.nextInt(DATES.length)] + (random.nextBoolean() ? "" : MARKER));
            case 2:
                return quoted(MARKER + (++counter) + STRINGS[random.nextInt(STRINGS.length)]);
            case 3:
                return quoted(MARKER + "x".repeat(random.nextBoolean() ? 70 : 10_050));
            case 4:
                return random.nextBoolean() ? "true" : "null";
            case 5:
                return Long.toString(random.nextLong() >> random.nextInt(63));
            case 6:
                return quoted(STRINGS[random.nextInt(STRINGS.length)] + MARKER);
            case 7:
                StringBuilder array = new StringBuilder("[");
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.append(i == 0 ? "" : ",")
                            .append(random.nextBoolean() ? object(depth + 1, true) : value(depth + 1));
                }
                return array.append(']').toString();
            default:
                return object(depth + 1, random.nextBoolean());
        }
    }

    // JSON string literal; the escapes in STRINGS are already JSON escapes
    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }
}
