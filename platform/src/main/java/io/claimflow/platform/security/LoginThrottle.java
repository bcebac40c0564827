package io.claimflow.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (a user name, a client address) and says how long a key is locked out. In memory, per
 * service instance: a lock-out slows a password guesser down to a handful of guesses an hour per name and address.
 */
public final class LoginThrottle {

    private final LoginThrottleProperties properties;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(LoginThrottleProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** How long {@code key} is still locked out; zero when it may try. */
    public Duration lockedFor(String key) {
        Failures f = failures.get(key);
        if (f == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        return f.lockedUntil.isAfter(now) ? Duration.between(now, f.lockedUntil) : Duration.ZERO;
    }

    /** Records a failed login of {@code key}, locked out after {@code limit} failures; returns its lock-out now. */
    public Duration failed(String key, int limit) {
        Instant now = clock.instant();
        Failures updated = failures.compute(key, (k, f) -> {
            int count = f == null || f.last.plus(properties.window()).isBefore(now) ? 1 : f.count + 1;
            Instant lockedUntil = now;
            if (count >= limit) {
                lockedUntil = now.plus(lockout(count - limit));
            }
            return new Failures(count, now, lockedUntil);
        });
        if (failures.size() > properties.maxTracked()) {
            forgetOldest(now);
        }
        return updated.lockedUntil.isAfter(now) ? Duration.between(now, updated.lockedUntil) : Duration.ZERO;
    }

    /** A successful login of {@code key}: its failures are forgotten. */
    public void succeeded(String key) {
        failures.remove(key);
    }

    private Duration lockout(int beyondLimit) {
        Duration lockout = properties.firstLockout();
        for (int i = 0; i < beyondLimit && lockout.compareTo(properties.maxLockout()) < 0; i++) {
            lockout = lockout.multipliedBy(2);
        }
        return lockout.compareTo(properties.maxLockout()) > 0 ? properties.maxLockout() : lockout;
    }

    private void forgetOldest(Instant now) {
        failures.entrySet()
                .removeIf(e -> e.getValue().last.plus(properties.window()).isBefore(now)
                        && !e.getValue().lockedUntil.isAfter(now));
        int excess = failures.size() - properties.maxTracked();
        if (excess > 0) {
            failures.entrySet().stream()
                    .sorted(Comparator.comparing(e -> e.getValue().last))
                    .limit(excess)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(failures::remove);
        }
    }

    private record Failures(int count, Instant last, Instant lockedUntil) {}
}
