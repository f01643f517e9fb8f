package app.lockin.web.openapi;

import app.lockin.web.error.ReadOnlyServlet;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * {@code /openapi} (SPEC §10): the API's OpenAPI document, {@code lockin-web}'s
 * {@code META-INF/openapi.yaml} exactly as the build checks it — YAML by default, JSON for
 * {@code ?format=JSON} or {@code Accept: application/json}, as MicroProfile OpenAPI serves it — and
 * {@code /openapi/ui}, Swagger UI (the {@code org.webjars:swagger-ui} assets) showing it.
 *
 * <p>Why here and not Liberty's {@code mpOpenAPI} feature: the document is written by hand (the
 * feature only served the file), and the feature's own web application answered unknown paths and
 * odd methods under {@code /openapi} with HTML error pages; SPEC §16 wants problem+json and 405
 * with {@code Allow} on every path ({@link ReadOnlyServlet}).
 */
@WebServlet(urlPatterns = {"/openapi", "/openapi/*"})
public class OpenApiServlet extends ReadOnlyServlet {

    private static final String DOCUMENT = "/WEB-INF/classes/META-INF/openapi.yaml";
    private static final String SWAGGER_UI = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private byte[] yaml;
    private byte[] json;
    private byte[] ui;

    @Override
    public void init() throws ServletException {
        try (InputStream document = getServletContext().getResourceAsStream(DOCUMENT)) {
            if (document == null) {
                throw new ServletException("The OpenAPI document " + DOCUMENT + " is missing from the WAR");
            }
            yaml = document.readAllBytes();
        } catch (IOException e) {
            throw new ServletException("Cannot read the OpenAPI document", e);
        }
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(yaml, StandardCharsets.UTF_8));
        json = toJson(tree).toString().getBytes(StandardCharsets.UTF_8);
        ui = uiPage(swaggerUiVersion()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected boolean exists(HttpServletRequest request) {
        String below = request.getPathInfo();
        return below == null || below.equals("/ui") || below.equals("/ui/") || below.equals("/ui/index.html");
    }

    @Override
    protected void read(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() != null) {
            send(response, "text/html", ui);
        } else if (wantsJson(request)) {
            send(response, "application/json", json);
        } else {
            send(response, "application/yaml", yaml);
        }
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String format = request.getParameter("format");
        if (format != null) {
            return format.equalsIgnoreCase("json");
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
    }

    private static void send(HttpServletResponse response, String type, byte[] body) throws IOException {
        response.setContentType(type);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** YAML's tree as JSON: keys as text (status codes are numbers in YAML), timestamps as written. */
    static JsonValue toJson(Object node) {
        if (node instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((key, value) -> object.add(String.valueOf(key), toJson(value)));
            return object.build();
        }
        if (node instanceof List<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(item -> array.add(toJson(item)));
            return array.build();
        }
        if (node == null) {
            return JsonValue.NULL;
        }
        if (node instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (node instanceof Integer || node instanceof Long) {
            return Json.createValue(((Number) node).longValue());
        }
        if (node instanceof Number n) {
            return Json.createValue(n.doubleValue());
        }
        if (node instanceof java.util.Date date) {
            return Json.createValue(date.toInstant().toString());
        }
        return Json.createValue(String.valueOf(node));
    }

    private static String swaggerUiVersion() throws ServletException {
        try (InputStream in = OpenApiServlet.class.getClassLoader().getResourceAsStream(SWAGGER_UI)) {
            Properties properties = new Properties();
            if (in == null) {
                throw new ServletException("Swagger UI (org.webjars:swagger-ui) is missing from the WAR");
            }
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new ServletException("Cannot read Swagger UI's version", e);
        }
    }

    private static String uiPage(String version) {
        String assets = "/webjars/swagger-ui/" + version + "/";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="UTF-8">
                  <title>LockIN API</title>
                  <link rel="stylesheet" href="%1$sswagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%1$sswagger-ui-bundle.js"></script>
                  <script>
                    window.onload = () => { window.ui = SwaggerUIBundle({ url: "/openapi", dom_id: "#swagger-ui" }); };
                  </script>
                </body>
                </html>
                """.formatted(assets);
    }
}
