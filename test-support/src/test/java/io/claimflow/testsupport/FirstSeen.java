package io.claimflow.testsupport;

import java.util.concurrent.atomic.AtomicReference;

/** Remembers the first {@link Infrastructure} any test class in this JVM saw, whichever class ran first. */
final class FirstSeen {

    private static final AtomicReference<Infrastructure> FIRST = new AtomicReference<>();

    private FirstSeen() {}

    static Infrastructure remember(Infrastructure infrastructure) {
        FIRST.compareAndSet(null, infrastructure);
        return FIRST.get();
    }
}
