package io.claimflow.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Throttling of failed logins, prefix {@code claimflow.security.login-throttle}. Counted separately per user name and
 * per client address: after {@code maxFailures} failures of a user name (or {@code maxFailuresPerAddress} from an
 * address) within {@code window}, every further attempt of that user name (or from that address), right password or
 * not, gets 429 for a lock-out that doubles with each further failure,
 * from {@code firstLockout} up to {@code maxLockout}. A successful login clears the user name's count.
 *
 * @param enabled whether failed logins are throttled at all
 * @param maxFailures failures of one user name allowed before its first lock-out
 * @param maxFailuresPerAddress failures from one client address (any user names) before its first lock-out; higher,
 *     since users behind one proxy share an address
 * @param firstLockout the first lock-out
 * @param maxLockout the longest lock-out
 * @param window how long a failure counts
 * @param maxTracked most user names plus addresses remembered (memory bound; the oldest are forgotten first)
 */
@ConfigurationProperties("claimflow.security.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5") int maxFailures,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("15s") Duration firstLockout,
        @DefaultValue("15m") Duration maxLockout,
        @DefaultValue("15m") Duration window,
        @DefaultValue("100000") int maxTracked) {

    public LoginThrottleProperties {
        if (maxFailures < 1
                || maxFailuresPerAddress < 1
                || firstLockout.isNegative()
                || maxLockout.compareTo(firstLockout) < 0
                || window.isNegative()
                || maxTracked < 1) {
            throw new IllegalArgumentException("claimflow.security.login-throttle: max-failures >= 1, "
                    + "first-lockout <= max-lockout, window >= 0, max-tracked >= 1");
        }
    }
}
