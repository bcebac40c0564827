package io.claimflow.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.consoletest.RenderFailurePage;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Whatever fails, a person sees a plain page in the console's layout (issue 21, items 7 and 8): a template that fails
 * while rendering, an unknown path, an unknown claim or encounter. The status is the real one; the page says what
 * happened in words, with no stack trace, no exception class, no problem JSON and none of what was typed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
@Import(RenderFailurePage.class)
class ConsoleErrorPagesTest {

    /** Input a page must never echo. */
    private static final String TYPED = "Zq7TypedByTheUser";

    @LocalServerPort
    int port;

    @Test
    void aTemplateThatFailsWhileRenderingIsAPlain500PageInTheLayout() throws Exception {
        HttpResponse<String> page = new BrowserSession(port, "biller").get(RenderFailurePage.PATH + "?q=" + TYPED);

        assertThat(page.statusCode()).isEqualTo(500);
        assertPlainPage(page);
        assertThat(page.body())
                .contains("Something went wrong", "could not be shown")
                .doesNotContain("Half a page");
    }

    @Test
    void anUnknownPathIsAPlain404PageInTheLayout() throws Exception {
        HttpResponse<String> page = new BrowserSession(port, "biller").get("/no-such-page/" + TYPED + "?x=" + TYPED);

        assertThat(page.statusCode()).isEqualTo(404);
        assertPlainPage(page);
        assertThat(page.body()).contains("Not found", "There is no such page");
    }

    @Test
    void anUnknownPathAskedForAsJsonIsStillThePage() throws Exception {
        BrowserSession biller = new BrowserSession(port, "biller");
        HttpResponse<String> page = biller.http.send(
                biller.html("/no-such-page/" + TYPED)
                        .setHeader("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(404);
        assertPlainPage(page);
    }

    @Test
    void anUnknownClaimOrEncounterIsAPlain404PageThatDoesNotRepeatTheId() throws Exception {
        BrowserSession biller = new BrowserSession(port, "biller");
        for (String path : new String[] {"/claims/clm-" + TYPED, "/encounters/enc-" + TYPED}) {
            HttpResponse<String> page = biller.get(path);

            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertPlainPage(page);
            assertThat(page.body()).as(path).contains("Not found");
        }
    }

    @Test
    void aPageAskedForWithoutLoggingInStillGoesToTheLogin() throws Exception {
        HttpResponse<String> page = new BrowserSession(port).get("/no-such-page");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    private static void assertPlainPage(HttpResponse<String> page) {
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body())
                .contains("ClaimFlow console", "Back to the start page")
                .doesNotContain(TYPED, "Exception", "\tat ", "\"status\"", "\"title\"", "\"error\"", "Whitelabel");
    }
}
