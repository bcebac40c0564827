package io.claimflow.console;

/** A {@link BrowserSession} logged in as one of the demo users. */
final class ConsoleBrowserSession extends BrowserSession {

    ConsoleBrowserSession(int port, String user) throws Exception {
        super(port, user);
    }
}
