package app.lockin.web.json;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an action endpoint that takes no body (SPEC §1: none, or {@code {}}); {@link EmptyBodyFilter}
 * refuses anything else, so a client sending fields to an action learns they are ignored.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface EmptyBody {
}
