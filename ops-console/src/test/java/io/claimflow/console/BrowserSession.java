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

/** One browser against the console on {@code localhost:port}: a cookie jar, no redirects followed, form login. */
final class BrowserSession {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    BrowserSession(int port) {
        this.port = port;
    }

    /** Posts the login form with the login page's CSRF token. */
    HttpResponse<String> login(String user, String password) throws Exception {
        String token = csrf("/login");
        return post("/login", "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token));
    }

    /** The CSRF token of the page at {@code path}. */
    String csrf(String path) throws Exception {
        Matcher m = CSRF.matcher(get(path).body());
        assertThat(m.find()).as("CSRF token on " + path).isTrue();
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

    private HttpRequest.Builder html(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
