package dev.parley.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import dev.parley.testing.Browsers;
import dev.parley.testing.Browsers.Browser;
import dev.parley.testing.Messages;
import io.quarkus.test.junit.QuarkusTest;

/** Search from the top bar; runs once the server has search (issue 13). */
@QuarkusTest
class SearchInBrowserTest {

    @Test
    void aResultShowsTheWordMarkedAndOpensTheMessageInItsChannelEvenPagesBack() {
        ServerSchema.assume("Query", "search");
        TwoPeople people = TwoPeople.inOneWorkspace();
        String random = people.channelId(people.ada(), "random");
        String quote = "The Analytical Engine has no pretensions whatever to originate anything";
        String target = Messages.post(people.ada(), random, quote);
        for (int i = 0; i < 60; i++) { // more than a page of history after it: opening it has to page back
            Messages.post(people.ada(), random, "later note " + i);
        }
        try (Browser browser = Browsers.open()) {
            ChatPage grace = new ChatPage(browser).signedInAs(people.grace(), people.workspaceId());
            WebElement box = grace.until(By.cssSelector("input[type=search]"));
            // The index is fresh within a second: search again until the message is found.
            WebElement result = browser.waiting().until(d -> {
                box.clear();
                box.sendKeys("pretensions", Keys.ENTER);
                List<WebElement> found = d.findElements(By.cssSelector(".search-results button.result[data-message-id='" + target + "']"));
                return found.isEmpty() ? null : found.get(0);
            });
            assertEquals(List.of("pretensions"), result.findElements(By.cssSelector("mark")).stream().map(WebElement::getText).toList());
            browser.screenshot("search");

            result.click();
            browser.waiting().until(d -> grace.channelTitle().equals("#random"));
            WebElement opened = browser.waiting().until(d -> d.findElement(By.cssSelector(".conversation li[data-message-id='" + target + "']")));
            browser.waiting().until(d -> target.equals(d.switchTo().activeElement().getDomAttribute("data-message-id")));
            assertTrue(opened.getText().contains(quote));
        }
    }
}
