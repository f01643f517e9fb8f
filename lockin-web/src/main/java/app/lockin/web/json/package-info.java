/**
 * Reading requests and writing JSON: snake_case writing, strict reading of request bodies and
 * query parameters, the empty body of action endpoints, the body size limit.
 */
package app.lockin.web.json;
