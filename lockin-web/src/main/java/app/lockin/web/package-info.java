/** The JAX-RS application; resources live in one package per feature beside it. */
package app.lockin.web;
