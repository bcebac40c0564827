package io.claimflow.e2e.workload;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded set of patients with demographics and coverage: Medicare (65 and over), Medicaid, two commercial plans,
 * self-pay, some with a secondary payer; a few members whose coverage ended or whom the payer does not know, so
 * that eligibility denials and front-end rejections happen the way they do in real life.
 */
public final class Population {

    /** How a patient pays. */
    public enum CoverageKind {
        MEDICARE,
        MEDICAID,
        COMMERCIAL_PPO,
        COMMERCIAL_HDHP,
        SELF_PAY
    }

    /** What the payer knows about the member. */
    public enum Eligibility {
        ACTIVE,
        ENDED,
        UNKNOWN_TO_PAYER
    }

    /** One coverage of a patient. */
    public record Policy(
            String payerId,
            String payerName,
            String memberId,
            String plan,
            String groupNumber,
            String groupName,
            String claimFilingIndicator,
            Eligibility eligibility) {}

    /** One patient. */
    public record Person(
            String mrn,
            String lastName,
            String firstName,
            String middleName,
            LocalDate birthDate,
            String sex,
            String line1,
            String city,
            String state,
            String postalCode,
            CoverageKind coverageKind,
            Policy primary,
            Policy secondary) {

        boolean selfPay() {
            return primary == null;
        }
    }

    static final LocalDate COVERAGE_START = LocalDate.of(2025, 1, 1);
    static final LocalDate COVERAGE_END = LocalDate.of(2027, 12, 31);
    static final LocalDate ENDED_COVERAGE_END = LocalDate.of(2025, 12, 31);

    private static final String[] LAST = {
        "Whitfield",
        "Okafor",
        "Nguyen",
        "Martinez",
        "Schmidt",
        "Johnson",
        "Patel",
        "Kowalski",
        "Brown",
        "Garcia",
        "Miller",
        "Davis",
        "Wilson",
        "Anderson",
        "Thomas",
        "Jackson",
        "White",
        "Harris",
        "Clark",
        "Lewis",
        "Robinson",
        "Walker",
        "Young",
        "Allen",
        "King",
        "Wright",
        "Scott",
        "Hill",
        "Green",
        "Adams",
        "Baker",
        "Nelson",
        "Carter",
        "Mitchell",
        "Perez",
        "Roberts",
        "Turner",
        "Phillips",
        "Campbell",
        "Parker",
        "Evans",
        "Edwards",
        "Collins",
        "Stewart",
        "Sanchez",
        "Morris",
        "Rogers",
        "Reed"
    };
    private static final String[] FEMALE = {
        "Eleanor",
        "Maria",
        "Linh",
        "Aisha",
        "Grace",
        "Sofia",
        "Emily",
        "Olivia",
        "Hannah",
        "Chloe",
        "Margaret",
        "Dorothy",
        "Ruth",
        "Priya",
        "Fatima",
        "Mei",
        "Anna",
        "Rosa",
        "Janet",
        "Carol"
    };
    private static final String[] MALE = {
        "James", "Robert", "Minh", "Carlos", "David", "Michael", "Chinedu", "Ahmed", "William", "Joseph", "Thomas",
        "Daniel", "George", "Raj", "Wei", "Luis", "Frank", "Harold", "Kevin", "Paul"
    };
    private static final String[] STREETS = {
        "Maple Ridge Dr",
        "High St",
        "Oak Ave",
        "Riverside Dr",
        "Elm St",
        "Cleveland Ave",
        "Broad St",
        "Morse Rd",
        "Karl Rd",
        "Parsons Ave",
        "Livingston Ave",
        "Sawmill Rd"
    };
    private static final String[][] CITIES = {
        {"Columbus", "432141032"},
        {"Westerville", "430811234"},
        {"Dublin", "430172200"},
        {"Grove City", "431232901"},
        {"Hilliard", "430261150"},
        {"Gahanna", "432301877"},
        {"Reynoldsburg", "430683312"},
        {"Worthington", "430851412"}
    };
    private static final String[][] EMPLOYERS = {
        {"GRP20417", "Columbus Metro Schools"},
        {"GRP31870", "Scioto Valley Manufacturing"},
        {"GRP44102", "Franklin County"},
        {"GRP58233", "Olentangy Software Inc"},
        {"GRP60918", "Capital City Hospitality"}
    };

    private final List<Person> people;

    private Population(List<Person> people) {
        this.people = List.copyOf(people);
    }

    /** {@code size} patients drawn from {@code seed}; the same seed and size give the same patients. */
    public static Population generate(long seed, int size, LocalDate today) {
        Random random = new Random(seed);
        List<Person> people = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            people.add(person(random, i, today));
        }
        return new Population(people);
    }

    /** The patients. */
    public List<Person> people() {
        return people;
    }

    /**
     * The payer simulator's configuration for these patients (prefix {@code payer-simulator.}): plans for Medicare
     * Part B, Medicaid and the two commercial plans, and every member the payer knows with its coverage dates.
     * Members {@link Eligibility#UNKNOWN_TO_PAYER} are left out on purpose.
     */
    public Map<String, String> payerSimulatorProperties() {
        Map<String, String> properties = planProperties();
        for (Person person : people) {
            for (Policy policy : new Policy[] {person.primary(), person.secondary()}) {
                if (policy == null || policy.eligibility() == Eligibility.UNKNOWN_TO_PAYER) {
                    continue;
                }
                String key = "payer-simulator.members." + policy.memberId() + ".";
                properties.put(key + "plan", policy.plan());
                properties.put(key + "coverage-start", COVERAGE_START.toString());
                properties.put(
                        key + "coverage-end",
                        (policy.eligibility() == Eligibility.ENDED ? ENDED_COVERAGE_END : COVERAGE_END).toString());
            }
        }
        return properties;
    }

    /**
     * The plans the payer simulator needs beyond its own ({@code buckeye-ppo}, {@code buckeye-hdhp}): Medicare Part B
     * and Medicaid (prefix {@code payer-simulator.plans.}).
     */
    public static Map<String, String> planProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        plan(properties, "medicare-part-b", "257.00", "20", "0", "99999.00");
        plan(properties, "medicaid", "0.00", "0", "0.00", "0.00");
        return properties;
    }

    private static void plan(
            Map<String, String> properties,
            String name,
            String deductible,
            String coinsurance,
            String copay,
            String outOfPocket) {
        String key = "payer-simulator.plans." + name + ".";
        properties.put(key + "deductible", deductible);
        properties.put(key + "coinsurance-percent", coinsurance);
        properties.put(key + "copay", copay);
        properties.put(key + "out-of-pocket-maximum", outOfPocket);
    }

    private static Person person(Random random, int index, LocalDate today) {
        boolean female = random.nextBoolean();
        String first = pick(random, female ? FEMALE : MALE);
        String last = pick(random, LAST);
        String middle = random.nextInt(3) == 0 ? null : String.valueOf((char) ('A' + random.nextInt(26)));
        // ages: a family practice, somewhat older than the population (0-95, weighted to adults)
        int age = random.nextInt(10) == 0 ? random.nextInt(18) : 18 + random.nextInt(78);
        // at least a week old: a visit needs a date of service after the birth date
        LocalDate birthDate = today.minusYears(age).minusDays(7 + random.nextInt(358));
        String[] city = CITIES[random.nextInt(CITIES.length)];
        String line1 = (100 + random.nextInt(9800)) + " " + pick(random, STREETS);
        String mrn = String.format("RFM-%07d", 1_000_000 + index);

        CoverageKind kind;
        int draw = random.nextInt(100);
        if (age >= 65) {
            kind = draw < 88 ? CoverageKind.MEDICARE : draw < 95 ? CoverageKind.COMMERCIAL_PPO : CoverageKind.SELF_PAY;
        } else {
            kind = draw < 18
                    ? CoverageKind.MEDICAID
                    : draw < 62
                            ? CoverageKind.COMMERCIAL_PPO
                            : draw < 90 ? CoverageKind.COMMERCIAL_HDHP : CoverageKind.SELF_PAY;
        }
        Eligibility eligibility = Eligibility.ACTIVE;
        int eligibilityDraw = random.nextInt(100);
        if (kind != CoverageKind.SELF_PAY && eligibilityDraw < 3) {
            eligibility = Eligibility.ENDED;
        } else if (kind != CoverageKind.SELF_PAY && eligibilityDraw < 5) {
            eligibility = Eligibility.UNKNOWN_TO_PAYER;
        }
        Policy primary = switch (kind) {
            case MEDICARE ->
                new Policy(
                        "MCROH",
                        "Medicare Part B Ohio",
                        medicareId(random),
                        "medicare-part-b",
                        null,
                        null,
                        "MB",
                        eligibility);
            case MEDICAID ->
                new Policy(
                        "MCDOH",
                        "Ohio Medicaid",
                        String.format("OH%010d", random.nextInt(1 << 30)),
                        "medicaid",
                        null,
                        null,
                        "MC",
                        eligibility);
            case COMMERCIAL_PPO, COMMERCIAL_HDHP -> {
                String[] employer = EMPLOYERS[random.nextInt(EMPLOYERS.length)];
                yield new Policy(
                        "BKHP1",
                        "Buckeye Health Plan",
                        String.format("BHP%09d", 200_000_000 + index),
                        kind == CoverageKind.COMMERCIAL_PPO ? "buckeye-ppo" : "buckeye-hdhp",
                        employer[0],
                        employer[1],
                        "CI",
                        eligibility);
            }
            case SELF_PAY -> null;
        };
        // a Medicare patient with a retiree supplement, or a commercial member with a spouse's plan
        Policy secondary = null;
        if (primary != null && random.nextInt(100) < 12) {
            String[] employer = EMPLOYERS[random.nextInt(EMPLOYERS.length)];
            secondary = new Policy(
                    "BKHP1",
                    "Buckeye Health Plan",
                    String.format("BHP%09d", 600_000_000 + index),
                    "buckeye-ppo",
                    employer[0],
                    employer[1],
                    "CI",
                    Eligibility.ACTIVE);
        }
        return new Person(
                mrn,
                last,
                first,
                middle,
                birthDate,
                female ? "FEMALE" : "MALE",
                line1,
                city[0],
                "OH",
                city[1],
                kind,
                primary,
                secondary);
    }

    // Medicare Beneficiary Identifier shape: 11 characters, C A AN N A AN N A A N N (no S, L, O, I, B, Z)
    private static String medicareId(Random random) {
        String letters = "ACDEFGHJKMNPQRTUVWXY";
        String pattern = "CAXNAXNAANN";
        StringBuilder id = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case 'C' -> id.append(1 + random.nextInt(9));
                case 'N' -> id.append(random.nextInt(10));
                case 'A' -> id.append(letters.charAt(random.nextInt(letters.length())));
                default ->
                    id.append(
                            random.nextBoolean()
                                    ? String.valueOf(random.nextInt(10))
                                    : String.valueOf(letters.charAt(random.nextInt(letters.length()))));
            }
        }
        return id.toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
