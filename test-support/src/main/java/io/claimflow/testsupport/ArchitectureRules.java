package io.claimflow.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * Architecture rules every service checks the same way.
 *
 * <p>In a service, {@code ..adapter..} and {@code ..config..} packages and the application's root package (its
 * {@code @SpringBootApplication} class) talk to Kafka, Avro, the database and the web; the rest is domain code and
 * imports none of them. Use as {@code @ArchTest static final ArchRule domain =
 * ArchitectureRules.domainIsFreeOfInfrastructure("io.claimflow.coding");} or call
 * {@link #checkDomainIsFreeOfInfrastructure(Class)} from a plain test.
 */
public final class ArchitectureRules {

    /** Packages domain code must not depend on. */
    public static final List<String> INFRASTRUCTURE_PACKAGES = List.of(
            "org.apache.kafka..", "org.springframework.kafka..", "org.apache.avro..", "io.claimflow.events..",
            "org.springframework.jdbc..", "org.springframework.web..", "java.sql..");

    private ArchitectureRules() {
    }

    /**
     * Classes under {@code applicationRootPackage}, other than those in {@code ..adapter..}, {@code ..config..} or the
     * root package itself, must not depend on {@link #INFRASTRUCTURE_PACKAGES}. Passes when there are no such classes
     * yet.
     */
    public static ArchRule domainIsFreeOfInfrastructure(String applicationRootPackage) {
        return noClasses()
                .that().resideInAPackage(applicationRootPackage + "..")
                .and().resideOutsideOfPackages("..adapter..", "..config..", applicationRootPackage)
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE_PACKAGES.toArray(String[]::new))
                .because("domain code stays free of messaging, serialization, persistence and web; "
                        + "adapters in ..adapter.. and wiring in ..config.. do that")
                .allowEmptyShould(true);
    }

    /**
     * Imports the production classes (not tests) under the package of {@code applicationClass} and checks
     * {@link #domainIsFreeOfInfrastructure(String)} with that package as the root.
     *
     * @throws AssertionError listing every violation
     */
    public static void checkDomainIsFreeOfInfrastructure(Class<?> applicationClass) {
        String root = applicationClass.getPackageName();
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        domainIsFreeOfInfrastructure(root).check(classes);
    }
}
