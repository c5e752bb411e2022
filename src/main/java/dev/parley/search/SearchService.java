package dev.parley.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.channel.Channel;
import dev.parley.platform.graphql.Cursors;
import dev.parley.platform.graphql.ParleyException;
import dev.parley.search.SearchResultConnection.SearchResultEdge;
import dev.parley.user.User;
import dev.parley.user.UserService;
import dev.parley.workspace.WorkspaceMember;
import dev.parley.workspace.WorkspaceService;
import dev.parley.workspace.WorkspaceStore;

/**
 * {@code search(workspaceId, query, kinds, first, after)}: channels first, then people, files and
 * messages (each kind asked for, in that order), one page across them. A cursor names the kind it is
 * in and where in it: the index position for files and messages, the last person for people, the
 * position among matching channels for channels.
 */
@ApplicationScoped
public class SearchService {

    private static final List<SearchKind> ORDER = List.of(SearchKind.CHANNEL, SearchKind.USER, SearchKind.FILE, SearchKind.MESSAGE);
    public static final int MAX_PAGE = 100;

    private final WorkspaceService workspaceService;
    private final WorkspaceStore workspaces;
    private final ReadableChannels readableChannels;
    private final MessageSearch messages;
    private final UserService users;

    public SearchService(WorkspaceService workspaceService, WorkspaceStore workspaces, ReadableChannels readableChannels,
            MessageSearch messages, UserService users) {
        this.workspaceService = workspaceService;
        this.workspaces = workspaces;
        this.readableChannels = readableChannels;
        this.messages = messages;
        this.users = users;
    }

    public SearchResultConnection search(String callerId, String workspaceId, String query, List<SearchKind> kinds, Integer first,
            String after) {
        ReadableChannels.InWorkspace readable = readableChannels.of(callerId, workspaceId,
                () -> workspaceService.requireMember(callerId, "workspaceId", workspaceId).role());
        int limit = Math.min(Cursors.pageSize(first), MAX_PAGE);
        SearchSyntax syntax = SearchSyntax.parse(query);
        List<SearchKind> wanted = ORDER.stream().filter(kind -> kinds == null || kinds.isEmpty() ? kind == SearchKind.MESSAGE : kinds.contains(kind))
                .toList();
        String[] position = position(after);
        int start = position == null ? 0 : wanted.indexOf(SearchKind.valueOf(position[0]));
        if (start < 0) {
            throw ParleyException.badInput("after", "Unknown cursor");
        }
        List<SearchResultEdge> edges = new ArrayList<>();
        boolean more = false;
        for (int i = start; i < wanted.size() && edges.size() < limit; i++) {
            SearchKind kind = wanted.get(i);
            String inner = i == start && position != null ? position[1] : null;
            more = switch (kind) {
                case CHANNEL -> channels(syntax, readable, limit - edges.size(), inner, edges);
                case USER -> people(workspaceId, syntax, limit - edges.size(), inner, edges);
                case FILE, MESSAGE -> found(callerId, workspaceId, kind, syntax, readable, limit - edges.size(), inner, edges);
            };
            if (edges.size() >= limit && i < wanted.size() - 1) {
                more = true;
            }
        }
        return new SearchResultConnection(edges, more);
    }

    private boolean found(String callerId, String workspaceId, SearchKind kind, SearchSyntax syntax, ReadableChannels.InWorkspace readable,
            int limit,
            String inner, List<SearchResultEdge> edges) {
        var page = messages.search(callerId, workspaceId, kind, syntax, readable, limit, inner == null ? null : SearchCursor.fromKey(inner));
        page.found().forEach(f -> edges.add(new SearchResultEdge(cursor(kind, f.cursor().key()), f.result())));
        return page.hasMore();
    }

    /** Channels (not direct messages) whose name, topic or purpose holds every word and phrase and none excluded, by name. */
    private boolean channels(SearchSyntax syntax, ReadableChannels.InWorkspace readable, int limit, String inner, List<SearchResultEdge> edges) {
        List<String> required = new ArrayList<>(syntax.words());
        required.addAll(syntax.phrases());
        if (required.isEmpty()) {
            return false;
        }
        List<Channel> matching = readable.channels().stream().filter(c -> !c.isDirect()).filter(c -> {
            String text = (c.name() + " " + nonNull(c.topic()) + " " + nonNull(c.purpose())).toLowerCase(Locale.ROOT);
            return required.stream().allMatch(w -> text.contains(w.toLowerCase(Locale.ROOT)))
                    && syntax.excluded().stream().noneMatch(w -> text.contains(w.toLowerCase(Locale.ROOT)));
        }).sorted(java.util.Comparator.comparing(Channel::name).thenComparing(Channel::id)).toList();
        int from = inner == null ? 0 : offset(inner);
        int to = Math.min(matching.size(), from + limit);
        for (int i = from; i < to; i++) {
            edges.add(new SearchResultEdge(cursor(SearchKind.CHANNEL, Integer.toString(i + 1)),
                    new SearchResult(SearchKind.CHANNEL, null, null, null, matching.get(i), null, List.of())));
        }
        return to < matching.size();
    }

    /** Members whose name (or a word of it) or email starts with the first word, by id. */
    private boolean people(String workspaceId, SearchSyntax syntax, int limit, String inner, List<SearchResultEdge> edges) {
        if (syntax.words().isEmpty()) {
            return false;
        }
        String prefix = syntax.words().get(0).toLowerCase(Locale.ROOT);
        var page = workspaces.members(workspaceId, inner, limit, prefix);
        List<User> found = users.findAll(page.items().stream().map(WorkspaceMember::userId).toList());
        found.forEach(user -> edges.add(new SearchResultEdge(cursor(SearchKind.USER, user.id()),
                new SearchResult(SearchKind.USER, null, null, user, null, null, List.of()))));
        return page.hasMore();
    }

    private static String cursor(SearchKind kind, String inner) {
        return Cursors.encode(kind.name() + "|" + inner);
    }

    /** The kind and the place inside it, or null for the first page. */
    private static String[] position(String after) {
        String key = Cursors.decode(after);
        if (key == null) {
            return null;
        }
        String[] parts = key.split("\\|", 2);
        if (parts.length != 2 || ORDER.stream().noneMatch(kind -> kind.name().equals(parts[0]))) {
            throw ParleyException.badInput("after", "Unknown cursor");
        }
        return parts;
    }

    private static int offset(String inner) {
        try {
            return Math.max(0, Integer.parseInt(inner));
        } catch (NumberFormatException e) {
            throw ParleyException.badInput("after", "Unknown cursor");
        }
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
