package app.lockin.ejb.common;

/** The caller can see the thing but may not do this to it. */
public class ForbiddenException extends LockinException {

    public ForbiddenException(String detail) {
        super("forbidden", detail);
    }
}
