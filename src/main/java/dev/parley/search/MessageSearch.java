package dev.parley.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.parley.platform.concurrent.Futures;
import dev.parley.channel.Channel;
import dev.parley.channel.ChannelAccess;
import dev.parley.file.FileStatus;
import dev.parley.file.FileStore;
import dev.parley.file.StoredFile;
import dev.parley.message.Message;
import dev.parley.message.MessageStore;
import dev.parley.platform.dynamodb.ParallelReads;
import dev.parley.user.User;
import dev.parley.user.UserService;
import dev.parley.workspace.WorkspaceMember;
import dev.parley.workspace.WorkspaceStore;

/**
 * Message and file hits: the query narrowed to the channels the caller may read, run on the index,
 * then every hit checked again through {@link ChannelAccess} and shown as the message is now (a hit
 * on a message deleted or a file removed meanwhile is dropped).
 */
@ApplicationScoped
public class MessageSearch {

    /** A page whose hits were all dropped is followed by at most this many more reads of the index. */
    private static final int ROUNDS = 3;
    private static final int AUTHOR_MATCHES = 50;

    private final SearchIndex index;
    private final ChannelAccess access;
    private final MessageStore messages;
    private final FileStore files;
    private final WorkspaceStore workspaces;
    private final UserService users;
    private final ParallelReads parallel;

    public MessageSearch(SearchIndex index, ChannelAccess access, MessageStore messages, FileStore files, WorkspaceStore workspaces,
            UserService users, ParallelReads parallel) {
        this.parallel = parallel;
        this.index = index;
        this.access = access;
        this.messages = messages;
        this.files = files;
        this.workspaces = workspaces;
        this.users = users;
    }

    /** A hit as shown, with the cursor after it. */
    public record Found(SearchResult result, SearchCursor cursor) {
    }

    public record FoundPage(List<Found> found, boolean hasMore) {
    }

    public FoundPage search(String callerId, String workspaceId, SearchKind kind, SearchSyntax syntax, ReadableChannels.InWorkspace readable,
            int limit,
            SearchCursor after) {
        MessageQuery query = query(callerId, workspaceId, kind, syntax, readable);
        if (query.channelIds().isEmpty()) {
            return new FoundPage(List.of(), false);
        }
        List<Found> found = new ArrayList<>();
        SearchCursor cursor = after;
        for (int round = 0; round < ROUNDS; round++) {
            SearchPage page = index.search(query, limit - found.size(), cursor);
            found.addAll(checked(callerId, page));
            if (!page.hasMore() || found.size() >= limit || page.hits().isEmpty()) {
                return new FoundPage(found, page.hasMore());
            }
            cursor = page.hits().get(page.hits().size() - 1).cursor(page.asOf());
        }
        return new FoundPage(found, true);
    }

    /** The query the engine runs: only readable channels, names resolved to ids, dates in the caller's time zone. */
    MessageQuery query(String callerId, String workspaceId, SearchKind kind, SearchSyntax syntax, ReadableChannels.InWorkspace readable) {
        Set<String> channelIds = new LinkedHashSet<>(readable.ids());
        if (!syntax.inChannels().isEmpty()) {
            Set<String> wanted = new LinkedHashSet<>();
            for (String in : syntax.inChannels()) {
                if (SearchSyntax.isIdReference(in)) {
                    wanted.add(SearchSyntax.idOf(in));
                } else {
                    readable.channels().stream().filter(c -> c.name().equalsIgnoreCase(in)).forEach(c -> wanted.add(c.id()));
                }
            }
            channelIds.retainAll(wanted);
        }
        Set<String> authors = new LinkedHashSet<>();
        for (String from : syntax.fromUsers()) {
            if (SearchSyntax.isIdReference(from)) {
                authors.add(SearchSyntax.idOf(from));
            } else {
                workspaces.members(workspaceId, null, AUTHOR_MATCHES, from).items().stream().map(WorkspaceMember::userId).forEach(authors::add);
            }
        }
        if (!syntax.fromUsers().isEmpty() && authors.isEmpty()) {
            channelIds.clear(); // nobody of that name: nothing can match
        }
        Instant from = null;
        Instant until = null;
        if (syntax.before() != null || syntax.after() != null || syntax.on() != null) {
            ZoneId zone = zoneOf(callerId);
            if (syntax.on() != null) {
                from = startOf(syntax.on(), zone);
                until = startOf(syntax.on().plusDays(1), zone);
            }
            if (syntax.after() != null) {
                from = later(from, startOf(syntax.after().plusDays(1), zone));
            }
            if (syntax.before() != null) {
                Instant before = startOf(syntax.before(), zone);
                until = until == null || before.isBefore(until) ? before : until;
            }
        }
        return new MessageQuery(kind, syntax.words(), syntax.phrases(), syntax.excluded(), channelIds, authors, from, until, syntax.hasFile());
    }

    /**
     * The page's hits that the caller may read now, as their messages and files are now. The access
     * re-check and the reads of the messages and files run side by side (a message of a channel found
     * unreadable is read but never shown).
     */
    private List<Found> checked(String callerId, SearchPage page) {
        if (page.hits().isEmpty()) {
            return List.of();
        }
        Map<String, Set<String>> messageIds = page.hits().stream()
                .collect(Collectors.groupingBy(SearchPage.Hit::channelId, Collectors.mapping(SearchPage.Hit::messageId, Collectors.toSet())));
        var currentMessages = parallel.start(() -> messages.byId(messageIds));
        List<String> fileIds = page.hits().stream().map(SearchPage.Hit::fileId).filter(java.util.Objects::nonNull).toList();
        var currentFiles = parallel.start(() -> fileIds.isEmpty() ? Map.<String, StoredFile>of() : files.findAll(fileIds));
        // On this thread: the policy's reads share the request's memberships with the fields shown later.
        Map<String, Channel> readable = access.readableAmong(callerId, page.hits().stream().map(SearchPage.Hit::channelId).distinct().toList());
        Map<String, Message> current = Futures.join(currentMessages);
        Map<String, StoredFile> foundFiles = Futures.join(currentFiles);
        List<Found> found = new ArrayList<>();
        for (SearchPage.Hit hit : page.hits()) {
            Channel channel = readable.get(hit.channelId());
            Message message = current.get(hit.messageId());
            if (channel == null || message == null || message.deleted()) {
                continue;
            }
            StoredFile file = hit.fileId() == null ? null : foundFiles.get(hit.fileId());
            if (hit.fileId() != null && (file == null || file.status() != FileStatus.READY || !message.fileIds().contains(file.id()))) {
                continue;
            }
            SearchKind kind = file == null ? SearchKind.MESSAGE : SearchKind.FILE;
            found.add(new Found(new SearchResult(kind, message, file, null, channel, hit.snippet(), hit.highlights()), hit.cursor(page.asOf())));
        }
        return found;
    }

    private ZoneId zoneOf(String callerId) {
        User caller = users.byId(List.of(callerId)).get(callerId);
        try {
            return caller == null || caller.timezone() == null ? ZoneOffset.UTC : ZoneId.of(caller.timezone());
        } catch (java.time.DateTimeException unknownZone) {
            return ZoneOffset.UTC;
        }
    }

    private static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
