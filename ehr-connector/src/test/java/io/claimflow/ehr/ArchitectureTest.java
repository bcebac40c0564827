package io.claimflow.ehr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The connector keeps its domain free of infrastructure, and every REST handler says who may call it. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.claimflow.ehr");

    @Test
    void domainIsFreeOfInfrastructure() {
        ArchitectureRules.checkDomainIsFreeOfInfrastructure(EhrConnectorApplication.class);
    }

    @Test
    void theDomainDoesNotKnowFhirOrHl7() {
        noClasses().that().resideInAPackage("io.claimflow.ehr.intake..")
                .should().dependOnClassesThat().resideInAnyPackage("ca.uhn..", "org.hl7..")
                .because("FHIR and HL7 v2 are adapters; both map into DocumentedEncounter")
                .check(CLASSES);
    }

    @Test
    void everyRestHandlerCarriesPreAuthorize() {
        methods().that().areAnnotatedWith(PostMapping.class).or().areAnnotatedWith(GetMapping.class)
                .or().areAnnotatedWith(PutMapping.class).or().areAnnotatedWith(DeleteMapping.class)
                .or().areAnnotatedWith(PatchMapping.class).or().areAnnotatedWith(RequestMapping.class)
                .should().beAnnotatedWith(PreAuthorize.class)
                .check(CLASSES);
    }
}
