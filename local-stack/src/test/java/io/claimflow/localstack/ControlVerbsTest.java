package io.claimflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlVerbsTest {

    private final List<String> done = new ArrayList<>();
    private final ControlVerbs.Actions actions = new ControlVerbs.Actions() {
        @Override
        public String kill() {
            done.add("kill");
            return "killed";
        }

        @Override
        public String stop() {
            done.add("stop");
            return "stopped";
        }

        @Override
        public String start() {
            done.add("start");
            return "started";
        }
    };

    @Test
    void eachVerbIsItsActionAndRestartIsAStopThenAStart() throws Exception {
        assertThat(ControlVerbs.run("kill", actions)).isEqualTo("killed");
        assertThat(ControlVerbs.run("stop", actions)).isEqualTo("stopped");
        assertThat(ControlVerbs.run("start", actions)).isEqualTo("started");
        assertThat(ControlVerbs.run("restart", actions)).isEqualTo("stopped; started");
        assertThat(done).containsExactly("kill", "stop", "start", "stop", "start");
    }

    @Test
    void anUnknownVerbDoesNothing() {
        assertThatThrownBy(() -> ControlVerbs.run("reboot", actions))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown request reboot");
        assertThat(done).isEmpty();
    }
}
