package app.lockin.web.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One line of text a person typed (a name, a description): at most {@link #max} characters counted
 * as code points (an emoji is one character, as the database's {@code char_length} counts it), no
 * control characters unless {@link #multiline}, and not blank when {@link #required}. Null passes
 * (pair with {@code @NotNull} where the field is required). Records strip the value first.
 */
@Constraint(validatedBy = PlainText.Validator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface PlainText {

    int max();

    boolean required() default true;

    boolean multiline() default false;

    String message() default "is not plain text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, String> {
        private PlainText rule;

        @Override
        public void initialize(PlainText rule) {
            this.rule = rule;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String refusal = null;
            if (rule.required() && value.isBlank()) {
                refusal = "must not be blank";
            } else if (value.codePointCount(0, value.length()) > rule.max()) {
                refusal = "must be at most " + rule.max() + " characters";
            } else if (!rule.multiline() && value.codePoints().anyMatch(Character::isISOControl)) {
                refusal = "must not contain control characters";
            }
            if (refusal != null) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(refusal).addConstraintViolation();
            }
            return refusal == null;
        }
    }
}
