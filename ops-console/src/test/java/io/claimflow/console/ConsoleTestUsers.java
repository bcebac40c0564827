package io.claimflow.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The demo users' HTTP Basic headers. */
final class ConsoleTestUsers {

    private ConsoleTestUsers() {}

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo-" + user).getBytes(StandardCharsets.UTF_8));
    }
}
