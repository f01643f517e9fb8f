/**
 * The caller's whole account (SPEC §14): {@link app.lockin.ejb.account.AccountService} exports
 * everything stored about them and deletes it, in one transaction, with the heir rules of the
 * database's {@code delete_account()}.
 */
package app.lockin.ejb.account;
