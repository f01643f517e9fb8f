package app.lockin.web.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body that may be left out: a creation whose fields are all optional
 * ({@code POST /api/sessions}) reads a missing or blank body as {@code {}}. A body that is sent
 * follows the usual rules. Actions that take no body at all are {@link EmptyBody} endpoints.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER})
public @interface OptionalBody {
}
