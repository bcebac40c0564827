package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser against the console on {@code localhost:port}: a cookie jar, no redirects followed, the login form and
 * the pages' CSRF tokens. The one browser of the console's HTTP tests (the Chromium tests drive a real one).
 */
class BrowserSession {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final int port;

    /** A browser not logged in. */
    BrowserSession(int port) {
        this.port = port;
    }

    /** A browser logged in as one of the demo users ({@code user}, password {@code demo-<user>}). */
    BrowserSession(int port, String user) throws Exception {
        this(port);
        login(user, "demo-" + user);
    }

    /** Posts the login form with the login page's CSRF token. */
    HttpResponse<String> login(String user, String password) throws Exception {
        return post(
                "/login", "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrfOf("/login")));
    }

    /** The CSRF token of the page at {@code path}. */
    String csrfOf(String path) throws Exception {
        return csrf(get(path).body());
    }

    /** The CSRF token in a page. */
    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(html(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(
                html(path)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts {@code form} with the CSRF token of the page at {@code from}; returns where it redirects to. */
    String submit(String from, String path, String form) throws Exception {
        HttpResponse<String> done = post(path, form + "&_csrf=" + enc(csrfOf(from)));
        return done.headers().firstValue("Location").orElse("status " + done.statusCode());
    }

    HttpRequest.Builder html(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
