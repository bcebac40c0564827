package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.localstack.Components.Component;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentsTest {

    private static Component component(String name, int order) {
        return new Component(name, null, "addr-" + name, "tcp:" + name, order);
    }

    @Test
    void componentsAreFoundByNameListedByOrderAndReplacedInPlace() {
        Components components = new Components();
        components.add(component("postgres", 20), false);
        components.add(component("kafka", 10), false);
        components.add(component("coding-service", 50), false);

        assertThat(components.byOrder())
                .extracting(Component::name)
                .containsExactly("kafka", "postgres", "coding-service");
        assertThat(components.snapshot())
                .extracting(Component::name)
                .containsExactly("postgres", "kafka", "coding-service");

        components.replace(new Component("kafka", null, "new address", "tcp:kafka", 10));
        assertThat(components.named("kafka")).map(Component::address).hasValue("new address");
        assertThat(components.snapshot())
                .extracting(Component::name)
                .containsExactly("postgres", "kafka", "coding-service");
        assertThat(components.named("nothing")).isEmpty();
    }

    @Test
    void onceTheShutdownBeganNothingIsAdded() {
        Components components = new Components();

        assertThat(components.add(component("kafka", 10), true)).isFalse();
        assertThat(components.snapshot()).isEmpty();
    }

    @Test
    void servicesStopFirstThenTheInfrastructureLastStartedFirst() {
        List<Component> started = List.of(
                component("postgres", 20),
                component("kafka", 10),
                component("schema-registry", 30),
                component("coding-service", 50),
                component("claim-service", 51));

        assertThat(Components.services(started, 50))
                .extracting(Component::name)
                .containsExactly("coding-service", "claim-service");
        assertThat(Components.infrastructureLastFirst(started, 50))
                .extracting(Component::name)
                .containsExactly("schema-registry", "postgres", "kafka");
    }
}
