package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void settingsAreNameValuePairsInTheirOrder() {
        assertThat(PostgresMain.settings("  shared_buffers=1GB   max_wal_size=4GB checkpoint_timeout=30min "))
                .containsExactly(
                        Map.entry("shared_buffers", "1GB"),
                        Map.entry("max_wal_size", "4GB"),
                        Map.entry("checkpoint_timeout", "30min"));
        assertThat(PostgresMain.settings(null)).isEmpty();
        assertThat(PostgresMain.settings("  ")).isEmpty();
    }

    @Test
    void anythingButNameValueIsRefusedWithoutRunningIt() {
        for (String bad : new String[] {"shared_buffers", "=1GB", "shared_buffers=", "-c=1", "a;b=1"}) {
            assertThatThrownBy(() -> PostgresMain.settings(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(PostgresMain.SETTINGS_VARIABLE);
        }
    }
}
