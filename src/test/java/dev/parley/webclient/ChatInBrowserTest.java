package dev.parley.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

import dev.parley.testing.Accounts;
import dev.parley.testing.Accounts.Account;
import dev.parley.testing.Browsers;
import dev.parley.testing.Browsers.Browser;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import io.quarkus.test.junit.QuarkusTest;

/** Two people chatting in two browsers through the web client, against the running app. */
@QuarkusTest
class ChatInBrowserTest {

    @Test
    void anInvitedPersonSeesMessagesLiveAndTheirThreadReplyAndReactionReachTheSender() {
        try (Browser adasBrowser = Browsers.open(); Browser gracesBrowser = Browsers.open()) {
            ChatPage ada = new ChatPage(adasBrowser).openApp();
            ada.until(By.cssSelector(".auth-form"));
            adasBrowser.screenshot("sign-in");
            ada.signUp("Ada Lovelace", Accounts.uniqueEmail(), "Analytical Engines");
            String code = ada.invite();

            ChatPage grace = new ChatPage(gracesBrowser).openApp().signUp("Grace Hopper", Accounts.uniqueEmail(), "Harvard Mark I");
            grace.joinWorkspace(code);
            gracesBrowser.waiting().until(d -> grace.workspace().equals("Analytical Engines") && grace.channelTitle().equals("#general"));
            assertEquals("#general", ada.channelTitle());

            String hello = "Hello Grace! The engine weaves algebraic patterns.";
            ada.send(hello);
            grace.message(hello);

            grace.openThread(hello).replyInThread("Just as the Jacquard loom weaves flowers and leaves?");
            adasBrowser.waiting().until(d -> ada.replyCount(hello) == 1);
            grace.react(hello, "🎉");
            adasBrowser.waiting().until(d -> "🎉 1".equals(ada.reaction(hello, "🎉")));

            ada.send("Exactly. And it could compose music, given the rules of harmony.");
            grace.message("Exactly. And it could compose music, given the rules of harmony.");
            ada.react("Exactly. And it could compose music, given the rules of harmony.", "👍");
            ada.openThread(hello);
            adasBrowser.waiting().until(d -> ada.threadReplies().equals(List.of("Just as the Jacquard loom weaves flowers and leaves?")));
            adasBrowser.screenshot("conversation");
            gracesBrowser.screenshot("thread-reply");
            List<String> errors = adasBrowser.consoleErrors();
            assertTrue(errors.isEmpty(), "the client runs under its CSP without violations: " + errors);
        }
    }

    @Test
    void anUnreadBadgeRisesWithEachMessageElsewhereAndClearsWhenTheChannelIsOpened() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        Account ada = people.ada(), grace = people.grace();
        String designName = "design";
        String design = Teams.channel(ada, ada.workspaceId(), designName, false);
        grace.client().execute("mutation($id: ID!) { joinChannel(id: $id) { id } }", Map.of("id", design)).assertNoErrors();
        Messages.post(ada, people.channelId(ada, "general"), "Morning! The design review is in #design today.");

        try (Browser adasBrowser = Browsers.open(); Browser gracesBrowser = Browsers.open()) {
            ChatPage gracePage = new ChatPage(gracesBrowser).signedInAs(grace, ada.workspaceId());
            ChatPage adaPage = new ChatPage(adasBrowser).signedInAs(ada).openChannel(designName);
            assertEquals("#general", gracePage.channelTitle());
            assertEquals(0, gracePage.unread(designName));

            adaPage.send("The gears are cut");
            gracePage.awaitUnread(designName, 1);
            adaPage.send("The mill is assembled");
            gracePage.awaitUnread(designName, 2);
            assertEquals(0, gracePage.mentions(designName));

            WebElement composer = adaPage.until(By.cssSelector(".conversation .composer-field"));
            composer.sendKeys("@Gra");
            adaPage.until(By.cssSelector(".suggestions li[aria-selected=true]"));
            composer.sendKeys(Keys.ENTER);
            composer.sendKeys("please review", Keys.ENTER);
            adaPage.message("@Grace Hopper please review");
            gracesBrowser.waiting().until(d -> gracePage.unread(designName) == 3 && gracePage.mentions(designName) == 1);
            gracesBrowser.screenshot("unread-badges");

            gracePage.openChannel(designName);
            gracesBrowser.waiting().until(d -> gracePage.unread(designName) == 0 && gracePage.mentions(designName) == 0);
            assertEquals(List.of("The gears are cut", "The mill is assembled", "@Grace Hopper please review"), gracePage.messageTexts());
            assertEquals(0, ((Number) grace.client().execute("query($id: ID!) { channel(id: $id) { unreadCount } }", Map.of("id", design))
                    .data("channel.unreadCount")).intValue(), "the server's count was cleared too");
        }
    }

    @Test
    void markupInAMessageShowsAsTextAndRunsNothing() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        String attack = "<img src=x onerror=alert(1)> <script>window.pwned=1</script>";
        try (Browser adasBrowser = Browsers.open(); Browser gracesBrowser = Browsers.open()) {
            ChatPage ada = new ChatPage(adasBrowser).signedInAs(people.ada());
            ChatPage grace = new ChatPage(gracesBrowser).signedInAs(people.grace(), people.workspaceId());
            ada.send(attack);
            WebElement shown = grace.message(attack);
            assertEquals(attack, shown.findElement(By.cssSelector(".text")).getText());
            assertTrue(shown.findElements(By.cssSelector("img, script")).isEmpty(), "no element was made from the text");
            assertThrows(NoAlertPresentException.class, () -> gracesBrowser.driver().switchTo().alert());
            assertEquals(Boolean.FALSE, gracesBrowser.driver().executeScript("return window.pwned === 1"));
            assertTrue(gracesBrowser.consoleErrors().isEmpty(), "nothing was attempted, nothing was blocked");

            // And had something slipped through, the page's CSP would refuse to run inline script.
            Object ran = gracesBrowser.driver().executeScript("const s = document.createElement('script');"
                    + "s.textContent = 'window.inlineRan = true'; document.head.append(s); return window.inlineRan === true");
            assertEquals(Boolean.FALSE, ran);
            assertTrue(gracesBrowser.consoleErrors().stream().anyMatch(e -> e.contains("Content Security Policy")));
        }
    }

    @Test
    void keyboardMovesThroughChannelsAndMessagesAndEditsAndDeletesOnesOwn() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        try (Browser adasBrowser = Browsers.open(); Browser gracesBrowser = Browsers.open()) {
            ChatPage ada = new ChatPage(adasBrowser).signedInAs(people.ada());
            ChatPage grace = new ChatPage(gracesBrowser).signedInAs(people.grace(), people.workspaceId());
            ada.send("first line");
            ada.send("secnod line");
            grace.message("secnod line");

            // From the empty composer, ArrowUp enters the messages at the newest; ArrowUp again moves up.
            WebElement composer = ada.until(By.cssSelector(".conversation .composer-field"));
            composer.sendKeys(Keys.ARROW_UP);
            assertEquals(ada.message("secnod line").getDomAttribute("data-message-id"), focusedMessageId(ada));
            ada.driver.switchTo().activeElement().sendKeys("e");
            WebElement editing = ada.until(By.cssSelector(".conversation .edit-field"));
            editing.clear();
            editing.sendKeys("second line", Keys.ENTER);
            gracesBrowser.waiting().until(d -> !grace.message("second line").findElements(By.cssSelector(".edited")).isEmpty());
            adasBrowser.waiting().until(d -> ada.message("second line").getDomAttribute("data-message-id").equals(focusedMessageId(ada)));
            ada.driver.switchTo().activeElement().sendKeys(Keys.ARROW_UP);
            assertEquals(ada.message("first line").getDomAttribute("data-message-id"), focusedMessageId(ada));

            ada.actionOf(ada.message("first line"), "Delete").click();
            ada.driver.switchTo().alert().accept();
            gracesBrowser.waiting().until(d -> grace.messageTexts().equals(List.of("This message was deleted.", "second line")));

            // The channel list: arrows move, Enter opens; Alt+ArrowUp goes to the previous channel from anywhere.
            List<WebElement> channels = ada.driver.findElements(By.cssSelector("button.channel"));
            String first = channels.get(0).getDomAttribute("data-channel-name");
            String second = channels.get(1).getDomAttribute("data-channel-name");
            channels.get(0).sendKeys(Keys.ARROW_DOWN);
            WebElement focused = ada.driver.switchTo().activeElement();
            assertEquals(second, focused.getDomAttribute("data-channel-name"));
            focused.sendKeys(Keys.ENTER);
            adasBrowser.waiting().until(d -> ada.channelTitle().equals("#" + second));
            ada.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_UP));
            adasBrowser.waiting().until(d -> ada.channelTitle().equals("#" + first));
            assertFalse(ada.messageTexts().isEmpty() && first.equals("general"));
        }
    }

    @Test
    void onAPhoneSizedWindowTheChannelListOpensFromTheMenu() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        try (Browser phone = Browsers.open(Browsers.PHONE); Browser desktop = Browsers.open()) {
            ChatPage ada = new ChatPage(desktop).signedInAs(people.ada());
            ChatPage grace = new ChatPage(phone).signedInAs(people.grace(), people.workspaceId());
            WebElement menu = grace.until(By.cssSelector(".menu-toggle"));
            assertEquals("false", menu.getDomAttribute("aria-expanded"));
            menu.click();
            grace.channelButton("random").click();
            phone.waiting().until(d -> grace.channelTitle().equals("#random") && "false".equals(menu.getDomAttribute("aria-expanded")));
            grace.until(By.xpath("//button[normalize-space()='Join #random']")).click();
            grace.until(By.cssSelector(".conversation .composer-field"));
            ada.openChannel("random").send("Anyone up for a game of chess?");
            grace.message("Anyone up for a game of chess?");
            grace.send("Always. The engine plays first.");
            ada.message("Always. The engine plays first.");
            phone.screenshot("phone");
        }
    }

    private static String focusedMessageId(ChatPage page) {
        return page.driver.switchTo().activeElement().getDomAttribute("data-message-id");
    }
}
