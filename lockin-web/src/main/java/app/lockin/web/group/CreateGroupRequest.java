package app.lockin.web.group;

import app.lockin.ejb.group.GroupRules;
import app.lockin.ejb.group.NewGroup;
import app.lockin.web.validation.PlainText;
import app.lockin.web.validation.TimeZoneId;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

/**
 * {@code POST /api/groups} (SPEC §5). Name and description are trimmed; a blank description is
 * none. The rules between fields (the window's order, the target's bound for the period) are
 * {@link Consistent}.
 */
@CreateGroupRequest.Consistent
public record CreateGroupRequest(
        @NotNull(message = "is required") @PlainText(max = GroupRules.NAME_MAX) String name,
        @PlainText(max = GroupRules.DESCRIPTION_MAX, required = false, multiline = true) String description,
        @NotNull(message = "is required") Instant startAt,
        @NotNull(message = "is required") Instant endAt,
        @NotNull(message = "is required") @Pattern(regexp = "daily|weekly", message = "must be daily or weekly") String period,
        @NotNull(message = "is required") Integer periodTargetMinutes,
        @NotNull(message = "is required") @TimeZoneId String timezone) {

    public CreateGroupRequest {
        name = name == null ? null : name.strip();
        description = description == null || description.isBlank() ? null : description.strip();
    }

    NewGroup toNewGroup() {
        return new NewGroup(name, description, startAt, endAt, period, periodTargetMinutes, timezone);
    }

    /** {@code end_at} after {@code start_at}; the target within the period's bounds ({@link GroupRules#targetRefusal}). */
    @Constraint(validatedBy = ConsistencyValidator.class)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Consistent {
        String message() default "is inconsistent";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class ConsistencyValidator implements ConstraintValidator<Consistent, CreateGroupRequest> {
        @Override
        public boolean isValid(CreateGroupRequest group, ConstraintValidatorContext context) {
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (group.startAt() != null && group.endAt() != null && !group.endAt().isAfter(group.startAt())) {
                context.buildConstraintViolationWithTemplate("must be after start_at").addPropertyNode("endAt")
                        .addConstraintViolation();
                valid = false;
            }
            if (group.periodTargetMinutes() != null) {
                var refusal = GroupRules.targetRefusal(group.periodTargetMinutes(), group.period());
                if (refusal.isPresent()) {
                    context.buildConstraintViolationWithTemplate(refusal.get()).addPropertyNode("periodTargetMinutes")
                            .addConstraintViolation();
                    valid = false;
                }
            }
            return valid;
        }
    }
}
