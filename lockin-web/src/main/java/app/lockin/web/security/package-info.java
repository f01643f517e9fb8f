/** Who the caller is: the token checks beyond mpJwt, first-call provisioning, the operator role. */
package app.lockin.web.security;
