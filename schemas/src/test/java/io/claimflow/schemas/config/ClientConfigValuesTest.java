package io.claimflow.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class ClientConfigValuesTest {

    @Test
    void theFirstKeyWithAValueWinsAndPasswordsAreUnmasked() {
        Map<String, Object> configs = new HashMap<>();
        configs.put("a", null);
        configs.put("b", new Password("s3cret"));
        configs.put("c", "other");
        ClientConfigValues values = ClientConfigValues.of(configs);

        assertThat(values.string("a", "b", "c")).isEqualTo("s3cret");
        assertThat(values.string("c", "b")).isEqualTo("other");
        assertThat(values.string("missing")).isNull();
    }

    @Test
    void wholeNumbersFromNumbersOrTextAndBlankIsAbsent() {
        ClientConfigValues values = ClientConfigValues.of(Map.of("n", 42, "t", " 7 ", "blank", " ", "bad", "7s"));

        assertThat(values.wholeNumber("n")).isEqualTo(42L);
        assertThat(values.wholeNumber("missing", "t")).isEqualTo(7L);
        assertThat(values.wholeNumber("blank")).isNull();
        assertThat(values.wholeNumber("missing")).isNull();
        assertThatThrownBy(() -> values.wholeNumber("bad"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad")
                .hasMessageContaining("expected a whole number");
    }

    @Test
    void booleansAreStrictAndFallBackWhenAbsentOrBlank() {
        ClientConfigValues values =
                ClientConfigValues.of(Map.of("yes", "TRUE", "no", false, "blank", "", "bad", "yes"));

        assertThat(values.bool(false, "yes")).isTrue();
        assertThat(values.bool(true, "no")).isFalse();
        assertThat(values.bool(true, "blank")).isTrue();
        assertThat(values.bool(false, "missing")).isFalse();
        assertThatThrownBy(() -> values.bool(true, "bad"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected true or false");
    }
}
