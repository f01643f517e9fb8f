package app.lockin.ejb.common;

import jakarta.ejb.ApplicationException;

/**
 * A refusal the caller caused: the web layer maps each subclass to its HTTP status and the
 * {@link #code()} to the problem's {@code code} (SPEC §1). Application exceptions reach the
 * caller unwrapped and roll the transaction back; they carry no stack trace because they are
 * answers, not failures.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class LockinException extends RuntimeException {

    private final String code;

    protected LockinException(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    /** The stable machine-readable code of SPEC §1, e.g. {@code group_archived}. */
    public String code() {
        return code;
    }
}
