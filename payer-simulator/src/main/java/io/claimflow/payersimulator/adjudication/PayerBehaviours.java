package io.claimflow.payersimulator.adjudication;

import io.claimflow.payersimulator.config.SimulatorProperties;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The payer behaviours switched on, and for each a counter of the cases it could apply to: {@link #draw} says whether
 * this case is the Nth. Not thread-safe: the simulator serializes.
 */
public final class PayerBehaviours {

    private final Set<Behaviour> enabled;
    private final Map<Behaviour, Integer> every = new EnumMap<>(Behaviour.class);
    private final Map<Behaviour, Long> seen = new EnumMap<>(Behaviour.class);

    public PayerBehaviours(SimulatorProperties.Behaviours config) {
        this.enabled = parse(config.enabled());
        for (Behaviour b : Behaviour.values()) {
            Integer n = config.every().get(b.configName());
            if (n != null && n < 1) {
                throw new IllegalArgumentException(
                        "payer-simulator.behaviours.every." + b.configName() + " must be 1 or more");
            }
            every.put(b, n == null ? b.defaultEvery() : n);
        }
        config.every().keySet().forEach(Behaviour::named);
    }

    /** "all", or names separated by commas; blank for none. */
    static Set<Behaviour> parse(String names) {
        Set<Behaviour> set = EnumSet.noneOf(Behaviour.class);
        if (names == null || names.isBlank() || names.trim().equals("none")) {
            return set;
        }
        for (String name : names.split(",")) {
            if (name.trim().equals("all")) {
                set.addAll(EnumSet.allOf(Behaviour.class));
            } else if (!name.isBlank()) {
                set.add(Behaviour.named(name));
            }
        }
        return set;
    }

    public boolean on(Behaviour behaviour) {
        return enabled.contains(behaviour);
    }

    /** Counts one case the behaviour could apply to; true when it is switched on and this is its Nth case. */
    public boolean draw(Behaviour behaviour) {
        if (!on(behaviour)) {
            return false;
        }
        long n = seen.merge(behaviour, 1L, Long::sum);
        return n % every.get(behaviour) == 0;
    }

    public Set<Behaviour> enabled() {
        return Set.copyOf(enabled);
    }
}
