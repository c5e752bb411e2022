package dev.parley.webclient;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import dev.parley.testing.Accounts;
import dev.parley.testing.Browsers;

/** The web client as a person uses it, in one browser: what they click and type, what they see. */
final class ChatPage {

    private static final By CONVERSATION_MESSAGES = By.cssSelector(".conversation .messages > li.message");

    final Browsers.Browser browser;
    final WebDriver driver;

    ChatPage(Browsers.Browser browser) {
        this.browser = browser;
        this.driver = browser.driver();
    }

    ChatPage openApp() {
        driver.get(Browsers.appUrl() + "/");
        return this;
    }

    /**
     * Signed in as the account without the form (its refresh token in this tab, as after a reload),
     * in the given workspace.
     */
    ChatPage signedInAs(Accounts.Account account, String workspaceId) {
        account.client().execute("mutation($id: ID!) { switchWorkspace(id: $id) { id } }", Map.of("id", workspaceId)).assertNoErrors();
        return signedInAs(account);
    }

    /** Signed in as the account without the form, in the workspace it last switched to. */
    ChatPage signedInAs(Accounts.Account account) {
        openApp().until(By.cssSelector(".auth-form"));
        ((JavascriptExecutor) driver).executeScript("sessionStorage.setItem('parley.refreshToken', arguments[0])", account.refreshToken());
        driver.navigate().refresh();
        return awaitReady();
    }

    ChatPage signUp(String name, String email, String workspace) {
        until(By.cssSelector(".auth-form"));
        driver.findElement(By.xpath("//button[normalize-space()='Create an account']")).click();
        type(By.name("name"), name);
        type(By.name("email"), email);
        type(By.name("password"), Accounts.PASSWORD);
        WebElement workspaceField = driver.findElement(By.name("workspace"));
        workspaceField.clear();
        workspaceField.sendKeys(workspace);
        driver.findElement(By.cssSelector(".auth-form button[type=submit]")).click();
        return awaitReady();
    }

    ChatPage signIn(String email, String password) {
        until(By.cssSelector(".auth-form"));
        type(By.name("email"), email);
        type(By.name("password"), password);
        driver.findElement(By.cssSelector(".auth-form button[type=submit]")).click();
        return this;
    }

    /** Signed in, live, a channel open. */
    ChatPage awaitReady() {
        until(By.cssSelector(".connection[data-status=online]"));
        browser.waiting().until(d -> !d.findElement(By.cssSelector(".channel-title")).getText().isEmpty());
        return this;
    }

    String authError() {
        return driver.findElement(By.cssSelector(".auth-form .form-error")).getText();
    }

    WebElement channelButton(String name) {
        return until(By.cssSelector("button.channel[data-channel-name='" + name + "']"));
    }

    ChatPage openChannel(String name) {
        channelButton(name).click();
        browser.waiting().until(d -> d.findElement(By.cssSelector(".channel-title")).getText().endsWith(name));
        return this;
    }

    String channelTitle() {
        return driver.findElement(By.cssSelector(".channel-title")).getText();
    }

    int unread(String channelName) {
        return Integer.parseInt(channelButton(channelName).getDomAttribute("data-unread"));
    }

    int mentions(String channelName) {
        return Integer.parseInt(channelButton(channelName).getDomAttribute("data-mentions"));
    }

    void awaitUnread(String channelName, int count) {
        browser.waiting().until(d -> unread(channelName) == count);
    }

    ChatPage send(String text) {
        return write(".conversation", text);
    }

    /** The open channel's messages as shown, oldest first: their text. */
    List<String> messageTexts() {
        return driver.findElements(CONVERSATION_MESSAGES).stream().map(m -> m.findElement(By.cssSelector(".text")).getText()).toList();
    }

    /** The message of the open channel with this text, once it is shown (and stored: it has an id). */
    WebElement message(String text) {
        return browser.waiting().until(d -> d.findElements(CONVERSATION_MESSAGES).stream()
                .filter(m -> m.getDomAttribute("data-message-id") != null)
                .filter(m -> m.findElement(By.cssSelector(".text")).getText().equals(text)).findFirst().orElse(null));
    }

    /** Hovers nothing: focusing the message shows its actions to the keyboard and the mouse alike. */
    WebElement actionOf(WebElement message, String label) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", message);
        return message.findElement(By.xpath(".//div[@role='toolbar']//button[normalize-space()='" + label + "' or @aria-label='" + label + "']"));
    }

    ChatPage react(String messageText, String emoji) {
        WebElement message = message(messageText);
        actionOf(message, "Add reaction").click();
        message.findElement(By.cssSelector(".reaction-picker button[aria-label='React with " + emoji + "']")).click();
        return this;
    }

    /** "👍 1" on the message, or null while there is none. */
    String reaction(String messageText, String emoji) {
        List<WebElement> found = message(messageText).findElements(By.cssSelector("button.reaction[data-emoji='" + emoji + "']"));
        return found.isEmpty() ? null : found.get(0).getText();
    }

    ChatPage openThread(String messageText) {
        actionOf(message(messageText), "Reply").click();
        until(By.cssSelector("aside.thread .composer-field"));
        return this;
    }

    ChatPage replyInThread(String text) {
        return write("aside.thread", text);
    }

    /** Types into the composer of the conversation or the thread panel, and presses Enter. */
    private ChatPage write(String where, String text) {
        WebElement field = until(By.cssSelector(where + " .composer-field"));
        field.sendKeys(text);
        field.sendKeys(Keys.ENTER);
        return this;
    }

    List<String> threadReplies() {
        return driver.findElements(By.cssSelector("aside.thread .messages[aria-label=Replies] > li.message .text")).stream()
                .map(WebElement::getText).toList();
    }

    /** The reply count the message shows (0 without replies). */
    int replyCount(String messageText) {
        List<WebElement> summary = message(messageText).findElements(By.cssSelector(".thread-summary"));
        return summary.isEmpty() ? 0 : Integer.parseInt(summary.get(0).getDomAttribute("data-reply-count"));
    }

    /** Creates an invite through the dialog; returns its code. */
    String invite() {
        until(By.xpath("//button[normalize-space()='Invite people']")).click();
        String code = until(By.cssSelector("dialog .invite-code")).getText();
        driver.findElement(By.xpath("//dialog//button[normalize-space()='Done']")).click();
        return code;
    }

    ChatPage joinWorkspace(String code) {
        until(By.xpath("//button[normalize-space()='Join or create a workspace']")).click();
        type(By.cssSelector("dialog input[name=code]"), code);
        driver.findElement(By.cssSelector("dialog button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog"), 0));
        return this;
    }

    String workspace() {
        WebElement picker = driver.findElement(By.cssSelector(".workspace-picker"));
        return picker.findElement(By.cssSelector("option[value='" + picker.getDomProperty("value") + "']")).getText();
    }

    void attach(Path file) {
        driver.findElement(By.cssSelector(".conversation input[type=file]")).sendKeys(file.toAbsolutePath().toString());
        until(By.cssSelector(".conversation .attachment.uploaded"));
    }

    String connection() {
        return driver.findElement(By.cssSelector(".connection")).getDomAttribute("data-status");
    }

    void awaitConnection(String status) {
        until(By.cssSelector(".connection[data-status=" + status + "]"));
    }

    WebElement notice() {
        return until(By.cssSelector(".notice:not([hidden])"));
    }

    WebElement until(By locator) {
        return browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private void type(By locator, String text) {
        WebElement field = until(locator);
        field.clear();
        field.sendKeys(text);
    }
}
