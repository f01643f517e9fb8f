package app.lockin.ejb.common;

/** The request is valid but the current state forbids it, e.g. {@code already_member}. */
public class ConflictException extends LockinException {

    public ConflictException(String code, String detail) {
        super(code, detail);
    }
}
