package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * LibreChat's own web client (the v0.8.8-rc1 build, unchanged) in Debian's headless Chromium against the
 * running system, once straight at the gateway and once behind a proxy that rewrites {@code Host}: a new
 * person registers, signs in, chats with the configured model (two turns, streamed and settled), reloads,
 * opens the settings, attaches files (to the provider and as text), renames and deletes the chat and signs
 * out. Any step that does not happen fails the test, and so does any API response of 400 or above that
 * LibreChat's own server would not give. Screenshots of every step stay in {@code e2e/target/browser/}.
 */
class WebClientBrowserE2ETest extends E2ETest {

    private static final String LOGGING_OUT = "logging out";

    /** Refusals LibreChat's server gives too. */
    private static final List<Predicate<Browser.ApiResponse>> AS_LIBRECHAT = List.of(
            // no title is generated for this endpoint (titleConvo: false)
            response -> response.status() == 404 && response.url().startsWith("/api/convos/gen_title/"),
            // the client reloads the messages of the chat it has just deleted: 404 Conversation not found
            response -> response.status() == 404 && response.url().startsWith("/api/messages/"),
            // queries the client fires as it signs out, with no token or the one just revoked
            response -> response.status() == 401 && response.step().equals(LOGGING_OUT));
    private static final Pattern ANSWER_END = Pattern.compile("word50\\b");

    private static Path root;

    @BeforeAll
    static void browserAndClient() {
        root = Path.of(System.getProperty("parley.root", "..")).toAbsolutePath().normalize();
        assumeTrue(Browser.unavailable().isEmpty(), () -> "Skipped: " + Browser.unavailable().orElseThrow());
        assumeTrue(WebClientFixture.dir(root).isPresent(), () -> "Skipped: " + WebClientFixture.whyMissing());
    }

    @Test
    void aNewPersonChatsThroughTheWholeClient() throws Exception {
        try (Browser browser = Browser.open(ParleySystem.gatewayUrl(), screenshots("direct"))) {
            browser.recordingFailures(() -> walkThrough(browser, true));
        }
    }

    @Test
    void theClientWorksBehindAProxyThatRewritesHost() throws Exception {
        try (HostRewritingProxy proxy = HostRewritingProxy.start(ParleySystem.gatewayUrl());
             Browser browser = Browser.open(proxy.url(), screenshots("proxied"))) {
            browser.recordingFailures(() -> walkThrough(browser, false));
        }
    }

    private void walkThrough(Browser browser, boolean everyStep) throws Exception {
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        browser.open("/register");
        browser.type(By.id("name"), "Browser Person");
        browser.type(By.id("username"), "browser" + UUID.randomUUID().toString().substring(0, 6));
        browser.type(By.id("email"), email);
        browser.type(By.id("password"), PASSWORD);
        browser.type(By.id("confirm_password"), PASSWORD);
        browser.click(By.cssSelector("form button[type=submit]"));
        browser.awaitText("Registration successful");
        browser.step("register");

        // the client counts down, then opens /c/new, which sends a person without a session to /login
        browser.await("the client never went on to the sign-in page", driver -> browser.path().equals("/login"));
        browser.type(By.id("email"), email);
        browser.type(By.id("password"), PASSWORD);
        browser.click(By.cssSelector("[data-testid=login-button]"));
        browser.visible(By.cssSelector("[data-testid=model-selector-button]"));
        browser.step("log in");

        browser.await("no new chat after signing in", driver -> browser.path().startsWith("/c/new"));
        browser.step("new chat");

        browser.click(By.cssSelector("[data-testid=model-selector-button]"));
        clickOption(browser, ParleySystem.MODEL_ENDPOINT);
        clickOption(browser, "fake-model");
        browser.await("the model was not picked", driver -> browser.visible(
                By.cssSelector("[data-testid=model-selector-button]")).getText().contains("fake-model"));
        browser.step("pick endpoint and model");

        send(browser, "Hello from the browser", 1);
        String conversation = browser.path();
        assertThat(conversation).as("the chat's address after the first answer").matches("/c/[0-9a-f-]{36}");
        browser.step("first answer settled");

        if (everyStep) {
            send(browser, "A second message in the same chat", 2);
            browser.step("second answer settled");

            browser.reload();
            browser.awaitText("A second message in the same chat");
            browser.await("both answers shown after reloading", driver -> answers(browser) == 2);
            browser.step("reload shows both turns");

            browser.click(By.cssSelector("[data-testid=nav-user]"));
            clickMenuItem(browser, "Settings");
            browser.visible(By.cssSelector("[role=dialog]"));
            browser.awaitText("Theme");
            browser.step("settings");
            browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
            browser.await("the settings stayed open", driver -> !browser.present(By.cssSelector("[role=dialog]")));

            attach(browser, "Upload to Provider", "provider-notes.txt", "Notes handed to the model as a file.");
            browser.step("upload as attachment");
            attach(browser, "Upload as Text", "text-notes.txt", "Notes put into the context as text.");
            browser.step("upload as text");
            send(browser, "What do the notes say?", 3);
            assertThat(ParleySystem.model().lastRequest().body()).as("the model's input")
                    .contains("Notes put into the context as text.");
            browser.step("answer with the files");

            String id = conversation.substring("/c/".length());
            browser.click(By.id("conversation-menu-" + id));
            clickMenuItem(browser, "Rename");
            WebElement title = browser.driver().switchTo().activeElement();
            title.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Renamed in the browser", Keys.ENTER);
            browser.awaitText("Renamed in the browser");
            browser.step("rename");

            browser.click(By.id("conversation-menu-" + id));
            clickMenuItem(browser, "Delete");
            browser.click(By.xpath("//*[@role='dialog' or @role='alertdialog']//button[normalize-space(.)='Delete']"));
            browser.await("the deleted chat is still listed", driver -> !browser.present(By.id("conversation-menu-" + id)));
            browser.step("delete");
        }

        browser.begin(LOGGING_OUT);
        browser.click(By.cssSelector("[data-testid=nav-user]"));
        clickMenuItem(browser, "Log out");
        browser.await("not back at the sign-in page after logging out", driver -> browser.path().equals("/login"));
        browser.step("log out");

        List<Browser.ApiResponse> refused = browser.apiResponses().stream()
                .filter(response -> response.status() >= 400)
                .filter(response -> AS_LIBRECHAT.stream().noneMatch(allowed -> allowed.test(response)))
                .toList();
        assertThat(refused).as("API responses of 400 or above that LibreChat would not give").isEmpty();
    }

    /** Sends a message and waits until the answer has streamed and the turn has settled. */
    private static void send(Browser browser, String text, int answersAfter) {
        browser.type(By.cssSelector("[data-testid=text-input]"), text);
        browser.click(By.cssSelector("[data-testid=send-button]"));
        browser.awaitText(text);
        browser.await("answer " + answersAfter + " never finished streaming", driver -> answers(browser) == answersAfter);
        browser.await("the turn never settled (the stop button stayed)",
                driver -> !browser.present(By.cssSelector("[data-testid=stop-generation-button]")));
    }

    /** Finished answers in the chat's message list (the page's live region for screen readers repeats them). */
    private static int answers(Browser browser) {
        return browser.driver().findElements(By.cssSelector("[data-testid=messages-view]")).stream()
                .mapToInt(view -> (int) ANSWER_END.matcher(view.getText()).results().count()).sum();
    }

    private static void attach(Browser browser, String how, String name, String content) throws IOException {
        Path file = Files.createTempDirectory("parley-upload").resolve(name);
        Files.writeString(file, content);
        browser.click(By.id("attach-file-menu-button"));
        clickMenuItem(browser, how);
        // the menu item opens the native picker (nothing in headless Chromium); the file goes to its input
        browser.driver().findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
        browser.awaitText(name);
    }

    private static void clickOption(Browser browser, String text) {
        browser.click(By.xpath("//*[@role='option'][starts-with(normalize-space(.), '" + text + "')]"));
    }

    /** The visible menu item whose text starts with {@code text} (closed menus may keep hidden copies). */
    private static void clickMenuItem(Browser browser, String text) {
        browser.click(By.xpath("//*[@role='menuitem'][starts-with(normalize-space(.), '" + text + "')]"));
    }

    private static Path screenshots(String run) {
        return root.resolve("e2e/target/browser").resolve(run);
    }
}
