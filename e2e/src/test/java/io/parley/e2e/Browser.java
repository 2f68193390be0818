package io.parley.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's headless Chromium driven through its chromedriver, as a person uses LibreChat's web client:
 * every step is a screenshot under {@code e2e/target/browser/<run>/}, and every API response the page
 * received (from Chromium's network log) is kept for the test to judge.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One API response the page got: what was asked and what came back. */
    record ApiResponse(String step, String method, String url, int status) {

        @Override
        public String toString() {
            return status + " " + method + " " + url + " (step: " + step + ")";
        }
    }

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path screenshots;
    private final Path profile;
    private final List<ApiResponse> responses = new ArrayList<>();
    private final Map<String, String> methods = new java.util.HashMap<>();
    private final List<String> consoleErrors = new ArrayList<>();
    private int steps;
    private String step = "start";

    /** Why no browser can run here, or empty when Chromium and its driver are installed. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(CHROMIUM)) {
            return Optional.of("Chromium is not installed (" + CHROMIUM + "; apt-get install chromium chromium-driver)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return Optional.of("chromedriver is not installed (" + CHROMEDRIVER + "; apt-get install chromium-driver)");
        }
        return Optional.empty();
    }

    static Browser open(String baseUrl, Path screenshots) {
        try {
            return new Browser(baseUrl, screenshots);
        } catch (IOException e) {
            throw new IllegalStateException("The browser did not start", e);
        }
    }

    private Browser(String baseUrl, Path screenshots) throws IOException {
        this.baseUrl = baseUrl;
        this.screenshots = Files.createDirectories(screenshots);
        this.profile = Files.createTempDirectory("parley-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // no connection may leave this machine: Chromium's own background traffic is switched off
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a path of the client (e.g. {@code /login}). */
    void open(String path) {
        driver.get(baseUrl + path);
    }

    void reload() {
        driver.navigate().refresh();
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement visible(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** The first of the matching elements a person can click (closed menus may keep hidden copies). */
    WebElement clickable(By by) {
        return waiting().withMessage(() -> "nothing to click: " + by).until(driver -> driver.findElements(by).stream()
                .filter(element -> element.isDisplayed() && element.isEnabled()).findFirst().orElse(null));
    }

    void click(By by) {
        WebElement element = clickable(by);
        try {
            element.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
            // an overlay fading out (a toast, a closing menu): the click a person would make once it is gone
            ((JavascriptExecutor) driver).executeScript("arguments[0].click();", element);
        }
    }

    void type(By by, CharSequence... keys) {
        WebElement element = visible(by);
        element.clear();
        element.sendKeys(keys);
    }

    /** Waits (polling, up to 30 s) until the page shows {@code text} somewhere. */
    void awaitText(String text) {
        waiting().withMessage(() -> "the page never showed \"" + text + "\"").until(
                d -> ((String) ((JavascriptExecutor) d).executeScript("return document.body.innerText;")).contains(text));
    }

    void await(String what, java.util.function.Function<WebDriver, Boolean> condition) {
        waiting().withMessage(() -> what).until(condition);
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    String bodyText() {
        return (String) ((JavascriptExecutor) driver).executeScript("return document.body.innerText;");
    }

    /** Ends a step: a screenshot named after it, and the API responses and console errors it caused. */
    void step(String name) {
        collect();
        steps++;
        String file = "%02d-%s.png".formatted(steps, name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        try {
            Files.write(screenshots.resolve(file), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("The screenshot of " + name + " was not written", e);
        }
        step = name;
    }

    /** Names the step now under way: the API responses from here on are counted to it. */
    void begin(String name) {
        collect();
        step = name;
    }

    /** Runs the steps; when one fails, the page as it was is kept as a screenshot named after the failed step. */
    void recordingFailures(Steps steps) throws Exception {
        try {
            steps.run();
        } catch (Exception | AssertionError failure) {
            step("failed after " + step);
            throw failure;
        }
    }

    @FunctionalInterface
    interface Steps {
        void run() throws Exception;
    }

    /** Every response to {@code /api}, {@code /oauth} or {@code /images} the page got so far. */
    List<ApiResponse> apiResponses() {
        collect();
        return List.copyOf(responses);
    }

    List<String> consoleErrors() {
        collect();
        return List.copyOf(consoleErrors);
    }

    private void collect() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            String method = message.path("method").asString("");
            JsonNode params = message.path("params");
            if (method.equals("Network.requestWillBeSent")) {
                methods.put(params.path("requestId").asString(""), params.path("request").path("method").asString("GET"));
            } else if (method.equals("Network.responseReceived")) {
                String url = params.path("response").path("url").asString("");
                String path = url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
                if (path.startsWith("/api/") || path.startsWith("/oauth/") || path.startsWith("/images/")) {
                    responses.add(new ApiResponse(step, methods.getOrDefault(params.path("requestId").asString(""), "?"),
                            path, params.path("response").path("status").asInt()));
                }
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(step + ": " + entry.getMessage());
            }
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
