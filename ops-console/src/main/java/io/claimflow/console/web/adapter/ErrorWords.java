package io.claimflow.console.web.adapter;

/** What an error page says for an HTTP status: a title and one sentence for people, nothing from the request. */
final class ErrorWords {

    private ErrorWords() {}

    static String title(int status) {
        return switch (status) {
            case 400, 422 -> "Cannot do that";
            case 401, 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Cannot do that";
            case 409 -> "Changed meanwhile";
            default -> status >= 500 ? "Something went wrong" : "Cannot do that";
        };
    }

    static String sentence(int status) {
        return switch (status) {
            case 400 -> "The request is not valid. Check what you entered and try again.";
            case 401, 403 -> "Your role may not open this page.";
            case 404 -> "There is no such page, or what it shows does not exist.";
            case 405 -> "This page cannot be used that way.";
            case 409 -> "Someone changed this meanwhile. Open it again to see where it stands.";
            case 413 -> "What you sent is too large.";
            case 422 -> "That cannot be done as it stands.";
            case 503 -> "A service the console needs does not answer. Try again in a moment.";
            default ->
                status >= 500
                        ? "The page could not be shown; the failure is logged. Try again, or go back."
                        : "The request cannot be done.";
        };
    }
}
