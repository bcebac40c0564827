package io.claimflow.claim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.claimflow.testsupport.ArchitectureRules;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Domain code stays free of Kafka, Avro, JDBC and the web; every REST handler says who may call it. */
@AnalyzeClasses(packages = "io.claimflow.claim", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsFreeOfInfrastructure =
            ArchitectureRules.domainIsFreeOfInfrastructure("io.claimflow.claim");

    @ArchTest
    static final ArchRule everyRestHandlerDeclaresItsRoles = methods()
            .that().areMetaAnnotatedWith(RequestMapping.class)
            .and().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
            .should().beAnnotatedWith(PreAuthorize.class);

    @ArchTest
    static final ArchRule listenersAreTransactional = methods()
            .that().areAnnotatedWith(KafkaListener.class)
            .should().beAnnotatedWith(Transactional.class);
}
