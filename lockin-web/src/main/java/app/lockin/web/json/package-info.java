/** JSON in and out: snake_case writing, strict reading of request bodies, the body size limit. */
package app.lockin.web.json;
