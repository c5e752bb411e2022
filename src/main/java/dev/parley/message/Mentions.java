package dev.parley.message;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a text mentions: people as {@code <@userId>}, everyone as {@code @channel} or {@code @here}. */
record Mentions(Set<String> userIds, boolean everyone) {

    private static final Pattern USER = Pattern.compile("<@([0-9A-HJKMNP-TV-Z]{26})>");
    private static final Pattern EVERYONE = Pattern.compile("(?<![\\w@])@(channel|here)\\b");

    /** Whether the text mentions @channel or @here. */
    static boolean mentionsEveryone(String text) {
        return EVERYONE.matcher(text).find();
    }

    static Mentions in(String text) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher matcher = USER.matcher(text);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return new Mentions(ids, mentionsEveryone(text));
    }

    /** Only people in the channel count as mentioned. */
    Mentions among(List<String> members) {
        Set<String> kept = new LinkedHashSet<>(userIds);
        kept.retainAll(members);
        return new Mentions(kept, everyone);
    }
}
