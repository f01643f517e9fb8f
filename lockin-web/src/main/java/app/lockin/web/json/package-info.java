/**
 * The request pipeline and JSON (SPEC §1): request bodies are bound by JSON-B
 * ({@link app.lockin.web.json.RequestBodyReader}, with strict value types and every wrong field
 * named), validated by the Bean Validation constraints on the request records, and refused as
 * problem+json; PATCH bodies keep which fields were sent ({@link app.lockin.web.json.Patch});
 * query parameters are read strictly; action endpoints take no body; bodies are at most 64 KiB.
 * Responses are written by JSON-B in snake_case.
 */
package app.lockin.web.json;
