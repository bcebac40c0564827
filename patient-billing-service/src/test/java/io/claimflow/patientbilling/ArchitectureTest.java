package io.claimflow.patientbilling;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Domain packages (ledger, account, statement, plan) import no Kafka, Avro, JDBC or web; adapters do that. */
class ArchitectureTest {

    @Test
    void domainIsFreeOfInfrastructure() {
        ArchitectureRules.checkDomainIsFreeOfInfrastructure(PatientBillingServiceApplication.class);
    }

    @Test
    void domainDoesNotEvenUseSpring() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.claimflow.patientbilling");
        noClasses().that().resideInAnyPackage("io.claimflow.patientbilling.ledger",
                        "io.claimflow.patientbilling.account", "io.claimflow.patientbilling.statement",
                        "io.claimflow.patientbilling.plan")
                .should().dependOnClassesThat(resideInAnyPackage("org.springframework..", "io.claimflow.platform..")
                        .and(not(resideInAPackage("io.claimflow.platform.money.."))))
                .because("posting rules, aging, statements and plans are plain Java, testable without a context "
                        + "(platform's Money is plain Java too)")
                .check(classes);
    }
}
