package io.claimflow.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Puts the {@link Infrastructure} properties into every Spring test context of a class annotated with
 * {@link ClaimFlowInfrastructure}, whatever order JUnit runs extensions in. Registered in
 * {@code META-INF/spring.factories}. Being part of the context cache key, the database keeps two classes that
 * name different databases from sharing one cached context.
 */
final class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        ClaimFlowInfrastructure annotation =
                TestContextAnnotationUtils.findMergedAnnotation(testClass, ClaimFlowInfrastructure.class);
        return annotation == null ? null : new InfrastructureContextCustomizer(annotation.database());
    }

    static final class InfrastructureContextCustomizer implements ContextCustomizer {

        static final String PROPERTY_SOURCE = "claimflowTestInfrastructure";

        private final String database;

        InfrastructureContextCustomizer(String database) {
            this.database = database;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            PROPERTY_SOURCE,
                            new LinkedHashMap<String, Object>(
                                    Infrastructure.get().springProperties(database))));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof InfrastructureContextCustomizer that && database.equals(that.database);
        }

        @Override
        public int hashCode() {
            return Objects.hash(InfrastructureContextCustomizer.class, database);
        }
    }
}
