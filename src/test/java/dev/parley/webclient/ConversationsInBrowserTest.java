package dev.parley.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import dev.parley.testing.Browsers;
import dev.parley.testing.Browsers.Browser;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import io.quarkus.test.junit.QuarkusTest;

/** Direct messages with presence and typing, long histories, links, switching workspaces. */
@QuarkusTest
class ConversationsInBrowserTest {

    @Test
    void aDirectMessageReachesTheOtherPersonWhoSeesTypingAndPresence() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        try (Browser gracesBrowser = Browsers.open()) {
            ChatPage grace = new ChatPage(gracesBrowser).signedInAs(people.grace(), people.workspaceId());
            try (Browser adasBrowser = Browsers.open()) {
                ChatPage ada = new ChatPage(adasBrowser).signedInAs(people.ada());
                ada.until(By.cssSelector("button[aria-label='New direct message']")).click();
                new Select(ada.until(By.cssSelector("dialog select"))).selectByVisibleText("Grace Hopper");
                ada.driver.findElement(By.cssSelector("dialog button[type=submit]")).click();
                adasBrowser.waiting().until(d -> ada.channelTitle().equals("Grace Hopper"));

                // Opening it made it Grace's too: it appears in her list, Ada's presence beside it.
                WebElement dm = gracesBrowser.waiting().until(d -> d.findElements(By.cssSelector(".channel-list[aria-label='Direct messages'] button.channel"))
                        .stream().filter(b -> b.getText().startsWith("Ada Lovelace")).findFirst().orElse(null));
                gracesBrowser.waiting().until(d -> !"OFFLINE".equals(dm.findElement(By.cssSelector(".presence")).getDomAttribute("data-status")));
                dm.click();
                gracesBrowser.waiting().until(d -> grace.channelTitle().equals("Ada Lovelace"));

                WebElement composer = ada.until(By.cssSelector(".conversation .composer-field"));
                composer.sendKeys("Have you seen the new punched cards?");
                gracesBrowser.waiting().until(d -> d.findElement(By.cssSelector(".conversation .typing")).getText()
                        .equals("Ada Lovelace is typing…"));
                composer.sendKeys(Keys.ENTER);
                grace.message("Have you seen the new punched cards?");
                assertEquals("", grace.driver.findElement(By.cssSelector(".conversation .typing")).getText(), "a message ends the typing");
            }
            // Ada has gone: silent long enough, she shows offline.
            By adasDot = By.cssSelector(".channel-list[aria-label='Direct messages'] button.channel .presence");
            gracesBrowser.waiting().until(d -> "OFFLINE".equals(d.findElement(adasDot).getDomAttribute("data-status")));
            assertEquals("offline", grace.driver.findElement(adasDot).getDomAttribute("aria-label"));
        }
    }

    @Test
    void olderMessagesLoadWhenScrolledToTheTopAndEveryMessageShowsOnceInOrder() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        String history = Teams.channel(people.ada(), people.workspaceId(), "history", false);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            sent.add("entry " + i);
            Messages.post(people.ada(), history, sent.get(i));
        }
        try (Browser browser = Browsers.open()) {
            ChatPage ada = new ChatPage(browser).signedInAs(people.ada()).openChannel("history");
            ada.message("entry 119");
            assertEquals(sent.subList(70, 120), ada.messageTexts(), "the newest page, oldest first");
            browser.waiting().until(d -> {
                ((JavascriptExecutor) d).executeScript("document.querySelector('.conversation .scroller').scrollTop = 0");
                return ada.messageTexts().size() == 120;
            });
            assertEquals(sent, ada.messageTexts());
            assertTrue(ada.driver.findElement(By.cssSelector(".load-older")).getDomAttribute("hidden") != null, "no more to load");
        }
    }

    @Test
    void linksBecomeLinksOnlyForTheWebAndTheWorkspaceSwitcherChangesEverything() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        try (Browser browser = Browsers.open()) {
            ChatPage grace = new ChatPage(browser).signedInAs(people.grace(), people.workspaceId());
            grace.send("Notes at https://example.com/engine?part=mill. Not javascript:alert(1) though");
            WebElement message = grace.message("Notes at https://example.com/engine?part=mill. Not javascript:alert(1) though");
            List<WebElement> links = message.findElements(By.cssSelector(".text a"));
            assertEquals(1, links.size());
            assertEquals("https://example.com/engine?part=mill", links.get(0).getDomAttribute("href"));
            assertEquals("noopener noreferrer nofollow", links.get(0).getDomAttribute("rel"));

            Select picker = new Select(grace.until(By.cssSelector(".workspace-picker")));
            picker.selectByVisibleText("Home of Grace Hopper");
            browser.waiting().until(d -> grace.channelTitle().equals("#general") && grace.messageTexts().isEmpty());
            picker = new Select(grace.until(By.cssSelector(".workspace-picker")));
            picker.selectByVisibleText("Analytical Engines");
            grace.message("Notes at https://example.com/engine?part=mill. Not javascript:alert(1) though");
        }
    }
}
