package dev.parley.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;

import dev.parley.testing.Accounts;
import dev.parley.testing.Browsers;
import dev.parley.testing.GraphQLClient;
import dev.parley.testing.GraphiQLPage;
import dev.parley.testing.Messages;
import dev.parley.testing.SocketClient;
import dev.parley.testing.WorkspaceOps;
import io.quarkus.test.junit.QuarkusTest;
import dev.parley.testing.JsonPath;

/**
 * The README's "Try it in GraphiQL", followed in headless Chromium against the running app: its
 * snippets are read from README.md, so what it tells people to do is what is tested.
 */
@QuarkusTest
class GraphiQLInBrowserTest {

    private static final Pattern SNIPPET = Pattern.compile("```(?:graphql|json)\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void theReadmesWalkThroughWorksInChromium() throws IOException {
        List<String> snippets = readmeSnippets();
        // The README's own email, made unique so the walk-through can run next to other tests.
        String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String register = snippets.get(0).replace("ada@example.com", email);

        try (Browsers.Browser chromium = Browsers.open(new org.openqa.selenium.Dimension(1400, 1000))) {
            try {
                GraphiQLPage graphiql = GraphiQLPage.open(chromium.driver(),
                        "http://localhost:" + SocketClient.testPort() + "/q/graphql-ui/");

                JsonPath registered = JsonPath.from(graphiql.pasteOperation(register)
                        .run(answer -> answer.contains("\"data\"") || answer.contains("\"errors\"")));
                String accessToken = registered.getString("data.register.accessToken");
                assertEquals("Engines", registered.getString("data.register.workspace.name"), registered.prettify());

                graphiql.pasteHeaders(snippets.get(1).replace("<accessToken>", accessToken));
                JsonPath me = JsonPath.from(graphiql.typeOperation(snippets.get(2))
                        .run(answer -> answer.contains("\"me\"") || answer.contains("\"errors\"")));
                assertEquals(email, me.getString("data.me.email"), me.prettify());
                assertEquals("Ada", me.getString("data.me.name"));

                String docs = graphiql.openDocs();
                assertTrue(docs.contains("query: Query") && docs.contains("mutation: Mutation")
                        && docs.contains("subscription: Subscription"), docs);

                // The README's other tab: the same person sends to #general over HTTP while GraphiQL listens.
                Accounts.Account ada = new Accounts.Account(email, registered.getString("data.register.user.id"),
                        currentWorkspace(accessToken), accessToken, registered.getString("data.register.refreshToken"));
                String general = WorkspaceOps.channelId(ada, ada.workspaceId(), "general");
                awaitSubscriptionLive(graphiql.typeOperation(snippets.get(3)).run(), ada, general);

                String text = "Hello from the other tab";
                Messages.post(ada, general, text);
                JsonPath event = JsonPath.from(graphiql.awaitResponse(answer -> answer.contains(text), GraphiQLPage.WAIT));
                assertEquals("MESSAGE_CREATED", event.getString("data.events.type"), event.prettify());
                assertEquals(general, event.getString("data.events.channelId"));
                assertEquals("Ada", event.getString("data.events.message.author.name"));
            } catch (AssertionError | TimeoutException failure) {
                Path shot = Path.of("target", "graphiql-in-browser-failure.png");
                Files.write(shot, chromium.driver().getScreenshotAs(OutputType.BYTES));
                failure.addSuppressed(new AssertionError("the page at that moment: " + shot.toAbsolutePath()));
                throw failure;
            }
        }
    }

    /**
     * A subscription starts from the moment the server has set it up, and nothing says when that is:
     * so messages are sent until one shows in the answer pane (at most about 20 s).
     */
    private static void awaitSubscriptionLive(GraphiQLPage graphiql, Accounts.Account sender, String channelId) {
        for (int probe = 1;; probe++) {
            String text = "probe " + probe;
            Messages.post(sender, channelId, text);
            try {
                graphiql.awaitResponse(answer -> answer.contains("\"probe "), Duration.ofSeconds(2));
                return;
            } catch (TimeoutException notYet) {
                if (probe == 10) {
                    throw notYet;
                }
            }
        }
    }

    private static String currentWorkspace(String accessToken) {
        return GraphQLClient.withToken(accessToken).execute("{ me { currentWorkspace { id } } }")
                .string("me.currentWorkspace.id");
    }

    /** The code blocks of the README's "Try it in GraphiQL", in order. */
    private static List<String> readmeSnippets() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("Try it in GraphiQL");
        String section = readme.substring(start, readme.indexOf("**The packaged app", start));
        List<String> snippets = new ArrayList<>();
        Matcher matcher = SNIPPET.matcher(section);
        while (matcher.find()) {
            snippets.add(matcher.group(1));
        }
        assertEquals(4, snippets.size(), "register, headers, me and a subscription in: " + section);
        return snippets;
    }
}
