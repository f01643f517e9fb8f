package app.lockin.ejb.common;

/** The thing does not exist, or is not visible to the caller (SPEC §1: both answer 404). */
public class NotFoundException extends LockinException {

    public NotFoundException(String detail) {
        super("not_found", detail);
    }

    /** A 404 with a more precise code, e.g. {@code invite_link_invalid} (SPEC §13). */
    public NotFoundException(String code, String detail) {
        super(code, detail);
    }
}
