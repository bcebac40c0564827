package io.claimflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Seeded fuzzing of a parser at a door with plain JUnit: a property is checked on generated inputs (fully random
 * text or bytes, and mutations of valid seed inputs: characters or bytes flipped, the input truncated or a range cut,
 * delimiters, control characters, huge numbers, deep nesting or odd Unicode inserted, two inputs spliced, a range
 * repeated). Every case has its own {@link Random}, derived from the run's seed, the property's name and the case
 * index, so a failing case is repeated alone from the seed and index the failure prints.
 *
 * <pre>{@code
 * @Test
 * void aMutatedFileIsReadOrQuarantined() {
 *     Fuzz.check("mutated file", fuzz -> fuzz.mutate(fuzz.pick(SEEDS)), file -> ingest(file));
 * }
 * }</pre>
 *
 * <p>System properties (shared with {@link JsonFuzz}): {@code claimflow.fuzz.iterations} (cases per property,
 * default {@value #DEFAULT_ITERATIONS}), {@code claimflow.fuzz.seed} (default {@value #DEFAULT_SEED}, fixed so that
 * the build is repeatable; {@code random} for a fresh one, printed), {@code claimflow.fuzz.case} (run only that
 * case index, to repeat a failure).
 */
public final class Fuzz {

    public static final String ITERATIONS = "claimflow.fuzz.iterations";
    public static final String SEED = "claimflow.fuzz.seed";
    public static final String CASE = "claimflow.fuzz.case";
    public static final int DEFAULT_ITERATIONS = 200;
    public static final long DEFAULT_SEED = 19L;

    private static final int FAILURES_KEPT = 5;

    /** Delimiters of the formats at ClaimFlow's doors: X12, HL7 v2 (incl. MLLP framing), JSON. */
    private static final String[] DELIMITERS = {
        "*",
        "~",
        ":",
        "^",
        "|",
        "&",
        "\\",
        "{",
        "}",
        "[",
        "]",
        ",",
        "\"",
        "\r",
        "\n",
        "\u000b",
        "\u001c",
        "\u001c\r",
        "~\n",
        "*:*",
        "|^~\\&",
        "\"\":",
        "{}",
        "[]",
        ",,",
        "::"
    };

    private static final String[] CONTROL = {
        "\u0000", "\u0001", "\u0007", "\b", "\t", "\f", "\u001b", "\u007f", "\u0085", "\u0000\u0000\u0000\u0000"
    };
    private static final String[] NUMBERS = {
        "0",
        "-0",
        "-1",
        "1.5",
        "1E400",
        "-1e309",
        "NaN",
        "Infinity",
        "99999999999999999999999999",
        "1e999999999",
        "9223372036854775808",
        "-9223372036854775809",
        "2147483648",
        "0x1F",
        "+5",
        ".5",
        "00012",
        "12.345",
        "1e-400",
        "20260230",
        "20261301",
        "99999999"
    };
    private static final String[] UNICODE = {
        "\ud800",
        "\udc00",
        "\ud83d\ude00",
        "\u202e",
        "\ufeff",
        "\ufffd",
        "\uffff",
        "e\u0301\u0301\u0301",
        "\u00e9",
        "\u4e2d",
        "\u0130",
        "\u2028",
        "\u00a0"
    };

    private final Random random;
    private final List<String> trail = new ArrayList<>();

    private Fuzz(long seed) {
        this.random = new Random(seed);
    }

    /** The cases per property: {@code -Dclaimflow.fuzz.iterations}, default {@value #DEFAULT_ITERATIONS}. */
    public static int iterations() {
        return Integer.getInteger(ITERATIONS, DEFAULT_ITERATIONS);
    }

    /** The run's seed: {@code -Dclaimflow.fuzz.seed}, default {@value #DEFAULT_SEED}; {@code random}: a fresh one. */
    public static long seed() {
        String value = System.getProperty(SEED);
        if (value == null || value.isBlank()) {
            return DEFAULT_SEED;
        }
        if (value.strip().equalsIgnoreCase("random")) {
            return RandomSeed.VALUE;
        }
        return Long.parseLong(value.strip());
    }

    /** The generator of one case, as {@link #check} hands it out (for tests of a generator). */
    public static Fuzz of(long seed, String property, int index) {
        return new Fuzz(caseSeed(seed, property, index));
    }

    /**
     * Checks {@code property} on {@link #iterations()} inputs made by {@code generator}; all cases run, and the
     * failure names how many failed, each with its case index, the mutations that made it and the start of the
     * input, with the first failure as cause.
     */
    public static <T> void check(String name, Function<Fuzz, T> generator, Consumer<T> property) {
        long seed = seed();
        Integer only = Integer.getInteger(CASE);
        int from = only == null ? 0 : only;
        int to = only == null ? iterations() : only + 1;
        List<String> failures = new ArrayList<>();
        Throwable first = null;
        int failed = 0;
        for (int index = from; index < to; index++) {
            Fuzz fuzz = of(seed, name, index);
            T input = generator.apply(fuzz);
            try {
                property.accept(input);
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError
                        && !(e instanceof StackOverflowError)
                        && !(e instanceof OutOfMemoryError)) {
                    throw (VirtualMachineError) e;
                }
                failed++;
                if (first == null) {
                    first = e;
                }
                if (failures.size() < FAILURES_KEPT) {
                    failures.add("case " + index + " " + fuzz.trail + ": " + e + "\n    input: " + describe(input));
                }
            }
        }
        if (failed > 0) {
            throw new AssertionError(
                    name + ": " + failed + " of " + (to - from) + " cases failed (seed " + seed
                            + "; repeat one: -D" + SEED + "=" + seed + " -D" + CASE + "=<case>)\n  "
                            + String.join("\n  ", failures),
                    first);
        }
    }

    /** What was done to make this case's input (for the failure message). */
    public List<String> trail() {
        return List.copyOf(trail);
    }

    /** This case's random numbers, for generators of a format's own structure. */
    public Random random() {
        return random;
    }

    /** Notes a step of the generator in the case's trail (shown when the case fails). */
    public Fuzz note(String step) {
        trail.add(step);
        return this;
    }

    /** A number from {@code min} to {@code max}, both included. */
    public int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** True once in {@code times}. */
    public boolean oneIn(int times) {
        return random.nextInt(times) == 0;
    }

    @SafeVarargs
    public final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Arbitrary text up to {@code maxLength} characters: ASCII, control characters, any BMP char, lone surrogates. */
    public String text(int maxLength) {
        int length = lengthUpTo(maxLength);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(character());
        }
        return out.toString();
    }

    /** Text of the given characters, up to {@code maxLength}. */
    public String text(String alphabet, int maxLength) {
        int length = lengthUpTo(maxLength);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** Arbitrary bytes up to {@code maxLength}. */
    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[lengthUpTo(maxLength)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && oneIn(4)) {
            // runs of one edge value, as in real corruption
            Arrays.fill(bytes, random.nextInt(bytes.length), bytes.length, pick((byte) 0, (byte) 0xff, (byte) 0x80));
        }
        return bytes;
    }

    /** One hostile token: a delimiter, a control character, a huge or odd number, odd Unicode, deep nesting, a run. */
    public String token() {
        return switch (random.nextInt(7)) {
            case 0 -> pick(DELIMITERS);
            case 1 -> pick(CONTROL);
            case 2 -> pick(NUMBERS);
            case 3 -> pick(UNICODE);
            case 4 -> nesting();
            case 5 -> pick("A", "9", " ", "*", "\"").repeat(pick(2, 100, 10_000));
            default -> text(pick(8, 40));
        };
    }

    /** Deep nesting: JSON arrays or objects (closed or not), HL7 components, X12 composites. */
    public String nesting() {
        int depth = pick(64, 1_100, 5_000);
        return switch (random.nextInt(4)) {
            case 0 -> "[".repeat(depth) + (random.nextBoolean() ? "]".repeat(depth) : "");
            case 1 -> "{\"a\":".repeat(depth) + "1" + (random.nextBoolean() ? "}".repeat(depth) : "");
            case 2 -> "^&".repeat(depth);
            default -> ":".repeat(depth);
        };
    }

    /** {@code original} with one to three generic mutations (text as characters). */
    public String mutate(String original) {
        return mutate(original, List.of(original));
    }

    /** {@code original} with one to three generic mutations; splicing takes its other part from {@code others}. */
    public String mutate(String original, List<String> others) {
        String text = original;
        int times = pick(1, 1, 1, 2, 3);
        for (int i = 0; i < times; i++) {
            text = mutateOnce(text, others);
        }
        return text;
    }

    private String mutateOnce(String text, List<String> others) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        switch (random.nextInt(7)) {
            case 0 -> {
                if (text.isEmpty()) {
                    return text;
                }
                char[] chars = text.toCharArray();
                int n = between(1, 8);
                for (int i = 0; i < n; i++) {
                    chars[random.nextInt(chars.length)] = random.nextBoolean()
                            ? character()
                            : pick(DELIMITERS).charAt(0);
                }
                note("flip " + n + " chars");
                return new String(chars);
            }
            case 1 -> {
                note("truncate at " + at);
                return text.substring(0, at);
            }
            case 2 -> {
                int end = Math.min(text.length(), at + between(1, 200));
                note("cut " + at + ".." + end);
                return text.substring(0, at) + text.substring(end);
            }
            case 3, 4 -> {
                String token = token();
                note("insert " + preview(token, 24) + " at " + at);
                return text.substring(0, at) + token + text.substring(at);
            }
            case 5 -> {
                String other = pick(others);
                int from = other.isEmpty() ? 0 : random.nextInt(other.length() + 1);
                note("splice at " + at + " with the rest of another input from " + from);
                return text.substring(0, at) + other.substring(from);
            }
            default -> {
                int end = Math.min(text.length(), at + between(1, 100));
                int times = pick(2, 10, 500);
                note("repeat " + at + ".." + end + " x" + times);
                return text.substring(0, at) + text.substring(at, end).repeat(times) + text.substring(end);
            }
        }
    }

    /** {@code original} with one to three generic mutations of its bytes. */
    public byte[] mutate(byte[] original) {
        byte[] bytes = original;
        int times = pick(1, 1, 1, 2, 3);
        for (int i = 0; i < times; i++) {
            bytes = mutateOnce(bytes);
        }
        return bytes;
    }

    private byte[] mutateOnce(byte[] bytes) {
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
        switch (random.nextInt(7)) {
            case 0 -> {
                if (bytes.length == 0) {
                    return bytes;
                }
                byte[] copy = bytes.clone();
                int n = between(1, 8);
                for (int i = 0; i < n; i++) {
                    int position = random.nextInt(copy.length);
                    copy[position] = random.nextBoolean()
                            ? (byte) random.nextInt(256)
                            : (byte) (copy[position] ^ (1 << random.nextInt(8)));
                }
                note("flip " + n + " bytes");
                return copy;
            }
            case 1 -> {
                note("truncate at " + at);
                return Arrays.copyOf(bytes, at);
            }
            case 2 -> {
                int end = Math.min(bytes.length, at + between(1, 64));
                note("cut " + at + ".." + end);
                return concat(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, end, bytes.length));
            }
            case 3 -> {
                byte[] extra = random.nextBoolean() ? bytes(16) : token().getBytes(StandardCharsets.UTF_8);
                note("insert " + extra.length + " bytes at " + at);
                return concat(Arrays.copyOfRange(bytes, 0, at), extra, Arrays.copyOfRange(bytes, at, bytes.length));
            }
            case 4 -> {
                // a huge (zig-zag varint) length or count where a length is read, e.g. in Avro binary
                byte[] huge = pick(
                        new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
                        new byte[] {
                            (byte) 0xff,
                            (byte) 0xff,
                            (byte) 0xff,
                            (byte) 0xff,
                            (byte) 0xff,
                            (byte) 0xff,
                            (byte) 0xff,
                            (byte) 0xff,
                            (byte) 0xff,
                            0x01
                        },
                        new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                int position = Math.min(at, Math.max(0, bytes.length - huge.length));
                byte[] copy = Arrays.copyOf(bytes, Math.max(bytes.length, position + huge.length));
                System.arraycopy(huge, 0, copy, position, huge.length);
                note("huge length at " + position);
                return copy;
            }
            case 5 -> {
                int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
                note("splice at " + at + " with own bytes from " + from);
                return concat(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, from, bytes.length));
            }
            default -> {
                int end = Math.min(bytes.length, at + between(1, 32));
                int times = pick(2, 10, 200);
                note("repeat " + at + ".." + end + " x" + times);
                byte[] range = Arrays.copyOfRange(bytes, at, end);
                byte[][] parts = new byte[times + 2][];
                parts[0] = Arrays.copyOfRange(bytes, 0, at);
                Arrays.fill(parts, 1, times + 1, range);
                parts[times + 1] = Arrays.copyOfRange(bytes, end, bytes.length);
                return concat(parts);
            }
        }
    }

    private char character() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> (char) (0x20 + random.nextInt(0x5f));
            case 2 -> (char) random.nextInt(0x20);
            case 3 -> (char) (0xd800 + random.nextInt(0x800));
            case 4 -> pick(DELIMITERS).charAt(0);
            default -> (char) random.nextInt(0x10000);
        };
    }

    // short inputs are likelier than long ones, and empty comes up
    private int lengthUpTo(int maxLength) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(Math.min(maxLength, 4) + 1);
            case 1, 2 -> random.nextInt(Math.min(maxLength, 64) + 1);
            default -> random.nextInt(maxLength + 1);
        };
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static long caseSeed(long seed, String property, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + property.hashCode() * 0xBF58476D1CE4E5B9L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String describe(Object input) {
        if (input instanceof byte[] bytes) {
            return bytes.length + " bytes, from " + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 96));
        }
        String text = String.valueOf(input);
        return text.length() + " chars, from " + preview(text, 300);
    }

    // printable: control characters and surrogates escaped, long text cut
    private static String preview(String text, int max) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < Math.min(text.length(), max); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : c);
        }
        return out.append(text.length() > max ? "\"..." : "\"").toString();
    }

    /** One fresh seed per JVM when {@code -Dclaimflow.fuzz.seed=random}. */
    private static final class RandomSeed {
        static final long VALUE = new Random().nextLong();
    }
}
