package dev.parley.message;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a text mentions: people as {@code <@userId>}, everyone in the channel as {@code @channel},
 * everyone present as {@code @here}. Both of the latter count as a mention for every member (the
 * counts and {@code mentionsChannel}); only notifications tell them apart ({@link #hereOnly}).
 */
public record Mentions(Set<String> userIds, boolean channel, boolean here) {

    private static final Pattern USER = Pattern.compile("<@([0-9A-HJKMNP-TV-Z]{26})>");
    private static final Pattern EVERYONE = Pattern.compile("(?<![\\w@])@(channel|here)\\b");

    /** Whether the text mentions @channel or @here. */
    static boolean mentionsEveryone(String text) {
        return EVERYONE.matcher(text).find();
    }

    public static Mentions in(String text) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher matcher = USER.matcher(text);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        boolean channel = false, here = false;
        Matcher everyone = EVERYONE.matcher(text);
        while (everyone.find()) {
            channel |= everyone.group(1).equals("channel");
            here |= everyone.group(1).equals("here");
        }
        return new Mentions(ids, channel, here);
    }

    /** Only people in the channel count as mentioned. */
    Mentions among(List<String> members) {
        Set<String> kept = new LinkedHashSet<>(userIds);
        kept.retainAll(members);
        return new Mentions(kept, channel, here);
    }

    /** Everyone in the channel is mentioned, as {@code @channel} or {@code @here}. */
    boolean everyone() {
        return channel || here;
    }

    /** Everyone is mentioned as {@code @here} alone: notifications reach only those present now. */
    public boolean hereOnly() {
        return here && !channel;
    }
}
