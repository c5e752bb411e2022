package dev.parley.testing;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * GraphiQL as a person uses it, in a real browser: write into its editors, press run, read the
 * answer, open Docs. Every wait is for something the page shows.
 */
public final class GraphiQLPage {

    private static final By QUERY_EDITOR = By.cssSelector(".graphiql-query-editor .CodeMirror");
    private static final By RESPONSE = By.cssSelector(".graphiql-response .CodeMirror");
    private static final By HEADERS_TAB = By.xpath("//button[normalize-space()='Headers']");
    private static final By HEADERS_EDITOR = By.cssSelector(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror");
    private static final By RUN = By.cssSelector("button.graphiql-execute-button");
    private static final By DOCS = By.cssSelector("button[aria-label='Show Documentation Explorer']");
    private static final By DOC_EXPLORER = By.cssSelector(".graphiql-doc-explorer");

    public static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final WebDriverWait wait;

    private GraphiQLPage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    public static GraphiQLPage open(WebDriver driver, String url) {
        driver.get(url);
        GraphiQLPage page = new GraphiQLPage(driver);
        page.wait.until(ExpectedConditions.elementToBeClickable(QUERY_EDITOR));
        return page;
    }

    /** Types {@code text} into the operation editor in place of what it holds. */
    public GraphiQLPage typeOperation(String text) {
        return writeOperation(text, this::type);
    }

    /** Pastes {@code text} into the operation editor in place of what it holds, as when it is copied from the README. */
    public GraphiQLPage pasteOperation(String text) {
        return writeOperation(text, this::paste);
    }

    /** Opens the Headers pane below the editor and pastes {@code json} in place of what it holds. */
    public GraphiQLPage pasteHeaders(String json) {
        driver.findElement(HEADERS_TAB).click();
        write(HEADERS_EDITOR, json, this::paste);
        awaitInAddress("headers", json);
        return this;
    }

    /** Presses the run button and waits until the answer pane shows something that {@code expected} accepts. */
    public String run(Predicate<String> expected) {
        return run().awaitResponse(expected, WAIT);
    }

    /** Presses the run button (a subscription keeps running until it is stopped). */
    public GraphiQLPage run() {
        driver.findElement(RUN).click();
        return this;
    }

    /** What the answer pane shows, once {@code expected} accepts it within {@code patience}. */
    public String awaitResponse(Predicate<String> expected, Duration patience) {
        return new WebDriverWait(driver, patience).withMessage(() -> "the answer pane shows: " + response())
                .until(d -> expected.test(response()) ? response() : null);
    }

    /** Opens the documentation explorer and returns its text once the schema has loaded. */
    public String openDocs() {
        driver.findElement(DOCS).click();
        WebElement explorer = wait.until(ExpectedConditions.visibilityOfElementLocated(DOC_EXPLORER));
        wait.withMessage(() -> "Docs shows: " + explorer.getText())
                .until(d -> !explorer.getText().contains("Loading") && explorer.getText().contains("Root Types")
                        || explorer.getText().contains("Error"));
        return explorer.getText();
    }

    /** GraphiQL has taken an edit in once it shows in the address bar: then pressing run runs what the editor holds. */
    private GraphiQLPage writeOperation(String text, Consumer<String> input) {
        write(QUERY_EDITOR, text, input);
        awaitInAddress("query", text);
        return this;
    }

    private void write(By editor, String text, Consumer<String> input) {
        driver.findElement(editor).click();
        new Actions(driver).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys(Keys.DELETE).perform();
        input.accept(text);
        wait.withMessage(() -> "the editor holds " + editorText(editor) + " instead of " + text)
                .until(d -> text.equals(editorText(editor)));
    }

    /** Typing goes through the editor's bracket closing and auto-indent, so only what a person would type on one line. */
    private void type(String text) {
        new Actions(driver).sendKeys(text).perform();
    }

    private void paste(String text) {
        ((JavascriptExecutor) driver).executeScript("const data = new DataTransfer(); data.setData('text/plain', arguments[0]);"
                + "document.activeElement.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));",
                text);
    }

    private void awaitInAddress(String parameter, String value) {
        wait.withMessage(() -> "GraphiQL did not take the edit in: the address is " + driver.getCurrentUrl())
                .until(d -> value.equals(addressParameter(parameter)));
    }

    private String addressParameter(String name) {
        String query = URI.create(driver.getCurrentUrl()).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private String response() {
        return editorText(RESPONSE);
    }

    /** An editor's whole text (CodeMirror draws only the lines in view, so the page's text is not all of it). */
    private String editorText(By editor) {
        return (String) ((JavascriptExecutor) driver).executeScript("return arguments[0].CodeMirror.getValue()",
                driver.findElement(editor));
    }
}
