package app.lockin.ejb.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code If-Match} precondition of a {@code PATCH} (SPEC §15, RFC 9110 §13.1.1): absent (the
 * change applies), {@code *} (matches any current version), or a list of entity tags compared
 * strongly with the resource's current tag — weak tags ({@code W/"…"}) never match, and a header
 * that is not a valid list matches nothing. Checked by the service on the row it has locked, so
 * two conditional changes of one version cannot both pass.
 */
public final class IfMatch {

    private static final IfMatch ABSENT = new IfMatch(true, List.of());
    private static final Pattern ELEMENT = Pattern.compile("\\s*(W/)?(\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\")\\s*(,|$)");

    private final boolean any;
    private final List<String> strongTags;

    private IfMatch(boolean any, List<String> strongTags) {
        this.any = any;
        this.strongTags = strongTags;
    }

    /** No precondition: the header was not sent. */
    public static IfMatch absent() {
        return ABSENT;
    }

    /** The header's value; null when it was not sent. */
    public static IfMatch parse(String header) {
        if (header == null) {
            return ABSENT;
        }
        if (header.strip().equals("*")) {
            return new IfMatch(true, List.of());
        }
        List<String> strong = new ArrayList<>();
        Matcher element = ELEMENT.matcher(header);
        int at = 0;
        while (at < header.length() && element.find(at) && element.start() == at) {
            if (element.group(1) == null) {
                strong.add(element.group(2));
            }
            at = element.end();
            if (element.group(3).isEmpty()) {
                break;
            }
        }
        boolean wellFormed = at == header.length() && !header.isBlank();
        return new IfMatch(false, wellFormed ? List.copyOf(strong) : List.of());
    }

    public boolean matches(String currentTag) {
        return any || strongTags.contains(currentTag);
    }

    /** 412 {@code precondition_failed} unless the current version of the resource matches. */
    public void check(TaggedView current) {
        if (!matches(current.entityTag())) {
            throw new PreconditionFailedException();
        }
    }
}
