package io.claimflow.ehr.fhir.adapter;

import static io.claimflow.ehr.fhir.adapter.FhirTerms.NUCC_TAXONOMY;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.EncounterClass;
import io.claimflow.ehr.intake.DocumentedEncounter.PatientStatus;
import io.claimflow.ehr.intake.DocumentedEncounter.Sex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Type;

/**
 * Pure readings of FHIR values the bundle mapper shares, without problems to report: names, identifiers, codes,
 * NDC forms, units, body sites, the encounter's class and patient status, the content version.
 */
final class FhirValues {

    private FhirValues() {}

    /** The id an Encounter is published under (its id, else its identifier); null when it has neither. */
    static String knownId(Encounter encounter) {
        String id = BundleReferences.logicalId(encounter);
        if (id != null) {
            return id;
        }
        return encounter.getIdentifier().stream()
                .filter(Identifier::hasValue)
                .sorted(Comparator.comparing(i -> i.getUse() == Identifier.IdentifierUse.OFFICIAL ? 0 : 1))
                .map(Identifier::getValue)
                .findFirst()
                .orElse(null);
    }

    static EncounterClass encounterClass(Coding coding) {
        if (coding == null || !coding.hasCode()) {
            return EncounterClass.OTHER;
        }
        return switch (coding.getCode().toUpperCase(Locale.ROOT)) {
            case "AMB" -> EncounterClass.AMBULATORY;
            case "EMER" -> EncounterClass.EMERGENCY;
            case "IMP", "ACUTE", "NONAC" -> EncounterClass.INPATIENT;
            case "HH" -> EncounterClass.HOME_HEALTH;
            case "VR" -> EncounterClass.VIRTUAL;
            default -> EncounterClass.OTHER;
        };
    }

    /** New or established: ClaimFlow's extension, else an office visit E/M code in Encounter.type. */
    static PatientStatus patientStatus(Encounter encounter) {
        Extension extension = encounter.getExtensionByUrl(FhirTerms.EXT_PATIENT_STATUS);
        if (extension != null && extension.getValue() != null) {
            String value = extension.getValue().primitiveValue();
            if ("new".equalsIgnoreCase(value)) {
                return PatientStatus.NEW;
            }
            if ("established".equalsIgnoreCase(value)) {
                return PatientStatus.ESTABLISHED;
            }
        }
        return encounter.getType().stream()
                .flatMap(type -> type.getCoding().stream())
                .filter(coding -> FhirTerms.CPT.equals(coding.getSystem()) && coding.hasCode())
                .flatMap(coding -> PatientStatus.ofOfficeVisit(coding.getCode()).stream())
                .findFirst()
                .orElse(PatientStatus.UNKNOWN);
    }

    static String codeValue(Type value) {
        return value instanceof CodeableConcept cc
                ? cc.getCodingFirstRep().getCode()
                : value instanceof Coding coding ? coding.getCode() : value.primitiveValue();
    }

    static String stringExtension(Encounter encounter, String url) {
        Extension extension = encounter.getExtensionByUrl(url);
        return extension == null || extension.getValue() == null
                ? null
                : extension.getValue().primitiveValue();
    }

    static String mrn(List<Identifier> identifiers) {
        return identifiers.stream()
                .filter(Identifier::hasValue)
                .filter(i -> i.getType().getCoding().stream()
                        .anyMatch(c -> FhirTerms.IDENTIFIER_TYPE.equals(c.getSystem()) && "MR".equals(c.getCode())))
                .map(Identifier::getValue)
                .findFirst()
                .orElse(identifiers.stream()
                        .filter(Identifier::hasValue)
                        .map(Identifier::getValue)
                        .findFirst()
                        .orElse(null));
    }

    static DocumentedEncounter.Relationship relationship(CodeableConcept relationship) {
        String code = relationship == null
                ? null
                : relationship.getCoding().stream()
                        .filter(c -> c.getSystem() == null || FhirTerms.SUBSCRIBER_RELATIONSHIP.equals(c.getSystem()))
                        .map(Coding::getCode)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null); // no code: none
        if (code == null) {
            return DocumentedEncounter.Relationship.SELF; // R4: absent relationship means the beneficiary is insured
        }
        return switch (code) {
            case "self" -> DocumentedEncounter.Relationship.SELF;
            case "spouse" -> DocumentedEncounter.Relationship.SPOUSE;
            case "child" -> DocumentedEncounter.Relationship.CHILD;
            case "common" -> DocumentedEncounter.Relationship.LIFE_PARTNER;
            case "injured" -> DocumentedEncounter.Relationship.OTHER;
            default -> DocumentedEncounter.Relationship.OTHER;
        };
    }

    static String taxonomy(List<CodeableConcept> concepts) {
        return concepts.stream()
                .flatMap(c -> c.getCoding().stream())
                .filter(c -> NUCC_TAXONOMY.equals(c.getSystem()))
                .map(Coding::getCode)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null); // a coding without a code: none
    }

    static boolean isProblemListItem(Condition condition) {
        return condition.getCategory().stream()
                .flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> "problem-list-item".equals(c.getCode()));
    }

    static boolean isEnteredInErrorOrRefuted(Condition condition) {
        return condition.getVerificationStatus().getCoding().stream()
                .anyMatch(c -> "entered-in-error".equals(c.getCode()) || "refuted".equals(c.getCode()));
    }

    /**
     * The body sites as text, with the side said in words when only a SNOMED CT laterality qualifier
     * (24028007 right, 7771000 left, 51440002 right and left) carries it; null without a body site.
     */
    static String bodySite(List<CodeableConcept> bodySites) {
        List<String> words = new ArrayList<>();
        Set<String> sides = new LinkedHashSet<>();
        for (CodeableConcept site : bodySites) {
            for (Coding coding : site.getCoding()) {
                if (FhirTerms.SNOMED_CT.equals(coding.getSystem()) && LATERALITY.containsKey(coding.getCode())) {
                    sides.add(LATERALITY.get(coding.getCode()));
                }
            }
            String display = display(site);
            if (display != null && !LATERALITY.containsValue(display.toLowerCase(Locale.ROOT))) {
                words.add(display);
            }
        }
        String text = String.join(", ", words);
        String said = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ") + " ";
        String side = sides.contains("bilateral") || sides.size() > 1
                ? "bilateral"
                : sides.isEmpty() ? null : sides.iterator().next();
        if (side != null && !said.contains(" " + side + " ")) {
            text = text.isEmpty() ? side : text + ", " + side;
        }
        return text.isEmpty() ? null : text;
    }

    static DocumentedEncounter.Unit unit(String ucum) {
        if (ucum == null) {
            return null;
        }
        return switch (ucum) {
            case "mg" -> DocumentedEncounter.Unit.MILLIGRAM;
            case "g" -> DocumentedEncounter.Unit.GRAM;
            case "mL", "ml" -> DocumentedEncounter.Unit.MILLILITER;
            case "[iU]", "[IU]" -> DocumentedEncounter.Unit.INTERNATIONAL_UNIT;
            case "{unit}", "{each}", "1" -> DocumentedEncounter.Unit.UNIT;
            default -> null;
        };
    }

    /** An NDC in the 11-digit 5-4-2 form, or null when its form is not one of the FDA's. */
    static String ndc11(String ndc) {
        if (ndc == null) {
            return null;
        }
        if (ndc.matches("\\d{11}")) {
            return ndc;
        }
        if (ndc.matches("\\d{4}-\\d{4}-\\d{2}")) {
            return "0" + ndc.replace("-", "");
        }
        if (ndc.matches("\\d{5}-\\d{3}-\\d{2}")) {
            String[] p = ndc.split("-");
            return p[0] + "0" + p[1] + p[2];
        }
        if (ndc.matches("\\d{5}-\\d{4}-\\d")) {
            String[] p = ndc.split("-");
            return p[0] + p[1] + "0" + p[2];
        }
        if (ndc.matches("\\d{5}-\\d{4}-\\d{2}")) {
            return ndc.replace("-", "");
        }
        return null;
    }

    static String display(CodeableConcept concept) {
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream()
                .map(Coding::getDisplay)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    static HumanName name(List<HumanName> names) {
        if (names.isEmpty()) {
            return null;
        }
        return names.stream()
                .filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst()
                .orElse(names.stream()
                        .filter(n -> n.getUse() == HumanName.NameUse.USUAL)
                        .findFirst()
                        .orElse(names.get(0)));
    }

    static String given(HumanName name, int index) {
        return name != null && name.getGiven().size() > index
                ? name.getGiven().get(index).getValue()
                : null;
    }

    static Sex sex(Enumerations.AdministrativeGender gender) {
        if (gender == null) {
            return Sex.UNKNOWN;
        }
        return switch (gender) {
            case FEMALE -> Sex.FEMALE;
            case MALE -> Sex.MALE;
            default -> Sex.UNKNOWN;
        };
    }

    static String identifier(List<Identifier> identifiers, String system) {
        return identifiers.stream()
                .filter(i -> system.equals(i.getSystem()) && i.hasValue())
                .map(Identifier::getValue)
                .findFirst()
                .orElse(null);
    }

    static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** A version for an Encounter without meta.versionId: a digest of what ClaimFlow read from the bundle. */
    static String contentVersion(DocumentedEncounter documented) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(documented.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final Map<String, String> LATERALITY =
            Map.of("24028007", "right", "7771000", "left", "51440002", "bilateral");
}
