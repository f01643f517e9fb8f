package app.lockin.load;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The benchmark's knobs: each a system property ({@code -Dlockin.load.…}) or, failing that, an
 * environment variable ({@code LOCKIN_LOAD_…}), else the default of issue 13's goal.
 */
record LoadSettings(
        String baseUrl,
        int groups,
        int membersPerGroup,
        Duration pace,
        Duration duration,
        Duration warmUp,
        Path lockinHome,
        String serverName,
        long serverPid) {

    static LoadSettings fromEnvironment() {
        String port = env("LOCKIN_HTTP_PORT", "9080");
        return new LoadSettings(
                stripSlash(setting("baseUrl", "BASE_URL", "http://localhost:" + port)),
                Integer.parseInt(setting("groups", "GROUPS", "50")),
                Integer.parseInt(setting("members", "MEMBERS", "20")),
                Duration.ofMillis(Long.parseLong(setting("paceMillis", "PACE_MILLIS", "2000"))),
                Duration.ofSeconds(Long.parseLong(setting("seconds", "SECONDS", "120"))),
                Duration.ofSeconds(Long.parseLong(setting("warmUpSeconds", "WARM_UP_SECONDS", "20"))),
                home(),
                setting("serverName", "SERVER_NAME", "lockin"),
                Long.parseLong(setting("serverPid", "SERVER_PID", "0")));
    }

    /** One virtual user per seeded person: groups × members. */
    int clients() {
        return groups * membersPerGroup;
    }

    /** What the clients send together when every answer comes within the pace. */
    double requestsPerSecond() {
        return clients() * 1000.0 / pace.toMillis();
    }

    /** Where the run command keeps the development key (DevKeys.home()). */
    private static Path home() {
        String configured = System.getenv("LOCKIN_HOME");
        return configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".lockin") : Path.of(configured);
    }

    private static String setting(String property, String envSuffix, String fallback) {
        String value = System.getProperty("lockin.load." + property);
        if (value == null || value.isBlank()) {
            value = System.getenv("LOCKIN_LOAD_" + envSuffix);
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
