/** Every error the API answers, as problem+json (SPEC §1): one mapper per exception family. */
package app.lockin.web.error;
