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

/** A browser logged in with the console's form: a cookie jar, no redirects followed, the page's CSRF token. */
final class ConsoleBrowserSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final int port;

    ConsoleBrowserSession(int port, String user) throws Exception {
        this.port = port;
        post(
                "/login",
                "username=" + user + "&password=demo-" + user + "&_csrf="
                        + enc(csrf(get("/login").body())));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }

    HttpRequest.Builder html(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html");
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
        HttpResponse<String> done =
                post(path, form + "&_csrf=" + enc(csrf(get(from).body())));
        return done.headers().firstValue("Location").orElse("status " + done.statusCode());
    }
}
