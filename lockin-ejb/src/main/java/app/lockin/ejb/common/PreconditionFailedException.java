package app.lockin.ejb.common;

/** 412 {@code precondition_failed}: {@code If-Match} names none of the resource's current tags (SPEC §15). */
public class PreconditionFailedException extends LockinException {

    public PreconditionFailedException() {
        super("precondition_failed", "If-Match matches none of the resource's current entity tags: read it again");
    }
}
