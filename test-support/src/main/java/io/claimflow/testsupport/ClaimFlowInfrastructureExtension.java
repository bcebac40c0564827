package io.claimflow.testsupport;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit extension behind {@link ClaimFlowInfrastructure}: starts the shared {@link Infrastructure} (once per JVM)
 * and sets the Spring Boot system properties for the test class before anything else in it runs.
 */
public final class ClaimFlowInfrastructureExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        String database = databaseFor(context.getRequiredTestClass());
        Infrastructure.get().springProperties(database).forEach(System::setProperty);
    }

    /** The database named by the nearest {@link ClaimFlowInfrastructure}, looking out through enclosing classes. */
    static String databaseFor(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<ClaimFlowInfrastructure> annotation =
                    AnnotationSupport.findAnnotation(type, ClaimFlowInfrastructure.class);
            if (annotation.isPresent()) {
                return annotation.get().database();
            }
        }
        return Infrastructure.DEFAULT_DATABASE;
    }
}
