package dev.parley.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.parley.platform.graphql.ParleyException;

/**
 * One spelling per address: trimmed, Unicode NFC, lower-cased (mailbox providers in practice treat
 * the local part case-insensitively, and two accounts differing only in case confuse people).
 */
public final class EmailAddresses {

    private static final int MAX_LENGTH = 254;
    // local@domain.tld: no spaces, control or invisible format characters, one @, a dot in the domain, no
    // leading/trailing dot or hyphen in labels.
    private static final Pattern SHAPE = Pattern.compile(
            "^[^\\s\\p{Cc}\\p{Cf}@\"(),:;<>\\[\\]\\\\]{1,64}@(?=.{1,253}$)([\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}]{2,63}$");

    private EmailAddresses() {
    }

    public static String normalize(String raw) {
        String email = raw == null ? "" : Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (email.length() > MAX_LENGTH || !SHAPE.matcher(email).matches()) {
            throw ParleyException.badInput("email", "Enter a valid email address");
        }
        return email;
    }
}
