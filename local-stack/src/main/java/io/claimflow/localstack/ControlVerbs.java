package io.claimflow.localstack;

/**
 * The verbs of {@code ./stack kill|stop|start|restart NAME} ({@link StackControl}): which of a component's actions
 * each is; restart is a stop, then a start.
 */
final class ControlVerbs {

    /** What can be done to one component; each returns what was done, in words. */
    interface Actions {
        String kill() throws Exception;

        String stop() throws Exception;

        String start() throws Exception;
    }

    private ControlVerbs() {}

    static String run(String verb, Actions actions) throws Exception {
        return switch (verb) {
            case "kill" -> actions.kill();
            case "stop" -> actions.stop();
            case "start" -> actions.start();
            case "restart" -> actions.stop() + "; " + actions.start();
            default -> throw new IllegalArgumentException("unknown request " + verb);
        };
    }
}
