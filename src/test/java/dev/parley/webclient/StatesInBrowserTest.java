package dev.parley.webclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.parley.testing.Browsers;
import dev.parley.testing.Browsers.Browser;
import dev.parley.testing.Messages;
import dev.parley.testing.Teams;
import io.quarkus.test.junit.QuarkusTest;

/** What the client says when the server says no: rate limited, forbidden, gone. */
@QuarkusTest
class StatesInBrowserTest {

    @ConfigProperty(name = "parley.rate-limit.auth.per-email-and-address")
    int perEmailAndAddress;

    @Test
    void aRateLimitedSignInSaysWhenToTryAgainAndHoldsTheButton() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        String email = people.grace().email();
        try (Browser browser = Browsers.open()) {
            // Someone guessing from this browser's address (guesses from elsewhere only slow the account down).
            ChatPage grace = new ChatPage(browser).openApp();
            for (int i = 0; i < perEmailAndAddress; i++) {
                browser.driver().executeScript("document.querySelector('.auth-form .form-error').textContent = ''");
                grace.signIn(email, "a wrong guess " + i);
                browser.waiting().until(d -> !grace.authError().isEmpty());
            }
            browser.driver().executeScript("document.querySelector('.auth-form .form-error').textContent = ''");
            grace.signIn(email, "correct horse battery");
            browser.waiting().until(d -> grace.authError().startsWith("Too many attempts. Try again in"));
            WebElement signIn = grace.driver.findElement(By.cssSelector(".auth-form button[type=submit]"));
            assertEquals("rate-limited", grace.driver.findElement(By.cssSelector(".auth-form .form-error")).getDomAttribute("data-kind"));
            assertTrue(!signIn.isEnabled(), "no point trying before the window ends");
        }
    }

    @Test
    void aPublicChannelNotJoinedOffersToJoinAndAForbiddenActionSaysSo() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        String lobby = Teams.channel(people.ada(), people.workspaceId(), "lobby", false);
        Messages.post(people.ada(), lobby, "Welcome to the lobby");
        try (Browser browser = Browsers.open()) {
            ChatPage grace = new ChatPage(browser).signedInAs(people.grace(), people.workspaceId()).openChannel("lobby");
            grace.message("Welcome to the lobby");
            assertTrue(grace.driver.findElements(By.cssSelector(".conversation .composer-field")).isEmpty(), "no composer before joining");
            grace.until(By.xpath("//button[normalize-space()='Join #lobby']")).click();
            grace.send("Glad to be here");
            grace.message("Glad to be here");
            assertEquals(List.of("Glad to be here", "Welcome to the lobby"), people.ada().client()
                    .execute("query($c: ID!) { messages(channelId: $c) { nodes { text } } }", Map.of("c", lobby))
                    .json().getList("data.messages.nodes.text"), "her message reached the channel");

            // Only owners and admins invite: the server's FORBIDDEN shows as a notice.
            grace.until(By.xpath("//button[normalize-space()='Invite people']")).click();
            WebElement notice = grace.notice();
            assertEquals("forbidden", notice.getDomAttribute("data-kind"));
            assertTrue(notice.getText().startsWith("Not allowed:"), notice.getText());
            assertTrue(grace.driver.findElements(By.cssSelector("dialog")).isEmpty(), "no invite was shown");
        }
    }

    @Test
    void someoneRemovedFromAPrivateChannelWhileReadingItIsToldAndTheChannelLeavesTheList() {
        TwoPeople people = TwoPeople.inOneWorkspace();
        String secret = Teams.channel(people.ada(), people.workspaceId(), "board", true);
        people.ada().client().execute("mutation($c: ID!, $u: [String!]!) { addChannelMembers(channelId: $c, userIds: $u) { id } }",
                Map.of("c", secret, "u", List.of(people.grace().userId()))).assertNoErrors();
        Messages.post(people.ada(), secret, "Quarterly numbers attached");
        try (Browser browser = Browsers.open()) {
            ChatPage grace = new ChatPage(browser).signedInAs(people.grace(), people.workspaceId()).openChannel("board");
            grace.message("Quarterly numbers attached");
            people.ada().client().execute("mutation($c: ID!, $u: ID!) { removeChannelMember(channelId: $c, userId: $u) { id } }",
                    Map.of("c", secret, "u", people.grace().userId())).assertNoErrors();
            assertEquals("You no longer have access to this channel.", grace.until(By.cssSelector(".conversation .gone")).getText());
            browser.waiting().until(d -> d.findElements(By.cssSelector("button.channel[data-channel-name=board]")).isEmpty());
        }
    }
}
