package app.lockin.ejb.common;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Strong entity tags of views (SPEC §15): SHA-256 of an unambiguous encoding of the record's
 * components, in declaration order (strings length-prefixed, nested records and lists walked),
 * base64url. Two views have the same tag exactly when every field is equal; {@code serverTime}
 * (the one field that changes without the resource changing) is left out. The web layer sends
 * it as {@code ETag}; the services compare it with {@code If-Match} ({@link IfMatch}) inside the
 * transaction of the change, on the row they have locked.
 */
public final class EntityTags {

    private static final String LEFT_OUT = "serverTime";

    private EntityTags() {
    }

    public static String of(Object view) {
        StringBuilder encoded = new StringBuilder();
        encode(view, encoded);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(encoded.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void encode(Object value, StringBuilder out) {
        if (value == null) {
            out.append('~');
        } else if (value instanceof Record record) {
            out.append('{');
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (!component.getName().equals(LEFT_OUT)) {
                    text(component.getName(), out);
                    encode(read(component, record), out);
                }
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[').append(list.size()).append(':');
            list.forEach(element -> encode(element, out));
            out.append(']');
        } else if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException("maps have no stable order: not in a tagged view");
        } else {
            // numbers, booleans, UUIDs, instants, strings: their text, typed by the component
            text(value.toString(), out);
        }
    }

    private static void text(String s, StringBuilder out) {
        out.append(s.length()).append(':').append(s);
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of a tagged view", e);
        }
    }
}
