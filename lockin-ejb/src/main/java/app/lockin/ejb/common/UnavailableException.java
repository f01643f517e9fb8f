package app.lockin.ejb.common;

/** A feature this deployment has not configured, e.g. avatars without S3 ({@code not_configured}). */
public class UnavailableException extends LockinException {

    public UnavailableException(String code, String detail) {
        super(code, detail);
    }
}
