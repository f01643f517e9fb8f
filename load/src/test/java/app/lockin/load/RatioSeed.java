package app.lockin.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The data of the pgbench comparison ({@code load/ratio.sh}): one group of 20 members, all
 * focusing (each hosts a running session of the group), seeded through the API like the Gatling
 * simulation's. Writes {@code load/target/ratio-seed.env}: the base URL, the group, and one
 * member's token, profile id and token subject — the parameters of both the HTTP and the pgbench
 * runs, so both ask the same question of the same rows.
 */
public final class RatioSeed {

    private RatioSeed() {
    }

    public static void main(String[] args) throws Exception {
        LoadSettings settings = LoadSettings.fromEnvironment();
        ApiClient api = new ApiClient(settings.baseUrl());
        DevSigner signer = DevSigner.load(settings.lockinHome());
        List<Seeder.SeededUser> group = new Seeder(api, signer).seed(1, 20, Duration.ofHours(2));
        Seeder.SeededUser caller = group.get(3);
        String subject = com.nimbusds.jwt.SignedJWT.parse(caller.token()).getJWTClaimsSet().getSubject();
        Path file = Path.of(args.length > 0 ? args[0] : "target/ratio-seed.env");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, String.join("\n",
                "BASE_URL=" + settings.baseUrl(),
                "GROUP_ID=" + caller.groupId(),
                "USER_ID=" + caller.userId(),
                "ISSUER=" + DevSigner.ISSUER,
                "SUBJECT=" + subject,
                "TOKEN=" + caller.token(),
                ""));
        System.out.println("[ratio] seeded group " + caller.groupId() + " (20 members, all focusing); caller "
                + caller.userId() + " (" + subject + "); written to " + file);
    }
}
