package dev.parley.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.parley.testing.Browsers;
import dev.parley.testing.Browsers.Browser;
import dev.parley.testing.Messages;
import io.quarkus.test.junit.QuarkusTest;

/** The network goes away and comes back: the client resumes from its cursor and shows what it missed, once. */
@QuarkusTest
class ResumeInBrowserTest {

    @Test
    void afterTheNetworkReturnsEveryMessageSentMeanwhileShowsOnceInOrder() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        String general = people.channelId(people.ada(), "general");
        try (Browser browser = Browsers.open()) {
            ChatPage grace = new ChatPage(browser).signedInAs(people.grace(), people.workspaceId());
            Messages.post(people.ada(), general, "before the drop");
            grace.message("before the drop");

            browser.offline(true);
            grace.awaitConnection("offline");
            List<String> missed = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                missed.add("while you were away " + i);
                Messages.post(people.ada(), general, missed.get(i - 1));
            }
            assertFalse(grace.messageTexts().contains(missed.get(0)), "nothing arrives while offline");

            browser.offline(false);
            grace.awaitConnection("online");
            grace.message(missed.get(4));
            // A message sent after the reconnect is the sentinel: once it shows, anything repeated would have too.
            Messages.post(people.ada(), general, "back again");
            grace.message("back again");
            List<String> expected = new ArrayList<>(List.of("before the drop"));
            expected.addAll(missed);
            expected.add("back again");
            assertEquals(expected, grace.messageTexts());
        }
    }

    @Test
    void aMessageWrittenOfflineIsMarkedAndSentOnceByRetry() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        try (Browser adasBrowser = Browsers.open(); Browser gracesBrowser = Browsers.open()) {
            ChatPage ada = new ChatPage(adasBrowser).signedInAs(people.ada());
            ChatPage grace = new ChatPage(gracesBrowser).signedInAs(people.grace(), people.workspaceId());
            gracesBrowser.offline(true);
            grace.awaitConnection("offline");
            grace.send("written on the train");
            grace.until(By.cssSelector(".message.failed .failed-note"));
            assertEquals("offline", grace.notice().getDomAttribute("data-kind"));

            gracesBrowser.offline(false);
            grace.awaitConnection("online");
            grace.driver.findElement(By.xpath("//li[contains(@class,'failed')]//button[normalize-space()='Retry']")).click();
            ada.message("written on the train");
            grace.message("written on the train");
            ada.send("welcome back");
            grace.message("welcome back");
            assertEquals(List.of("written on the train", "welcome back"), ada.messageTexts());
            assertEquals(List.of("written on the train", "welcome back"), grace.messageTexts());
        }
    }
}
