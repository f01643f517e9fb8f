package app.lockin.sql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static app.lockin.sql.SqlFixture.CHECK_VIOLATION;
import static app.lockin.sql.SqlFixture.UNIQUE_VIOLATION;
import static app.lockin.sql.SqlFixture.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** invite_links (V8, SPEC §13): the shape of a code, the bounds, and max_uses under concurrency. */
class InviteLinksTest {

    @RegisterExtension
    static final SqlFixture db = SqlFixture.perTestClass();

    final UUID ann = db.profile();
    final UUID group = db.group(ann);

    static final String CONSUME = """
            update invite_links set uses = uses + 1
             where code = ? and revoked_at is null and expires_at > lockin_now() and uses < max_uses
            returning group_id""";

    String link(int maxUses) {
        String code = UUID.randomUUID().toString().replace("-", "");
        db.update("insert into invite_links (code, group_id, created_by, expires_at, max_uses) values (?, ?, ?, now() + interval '1 day', ?)",
                code, group, ann, maxUses);
        return code;
    }

    @Test
    void codesAreUrlSafeAndAtLeast128Bits() {
        String shortCode = "abcdefghijklmnopqrstu"; // 21 characters: 126 bits
        assertRejected(CHECK_VIOLATION, "invite_links_code_shape", () -> db.update(
                "insert into invite_links (code, group_id, created_by, expires_at, max_uses) values (?, ?, ?, now() + interval '1 day', 1)",
                shortCode, group, ann));
        assertRejected(CHECK_VIOLATION, "invite_links_code_shape", () -> db.update(
                "insert into invite_links (code, group_id, created_by, expires_at, max_uses) values (?, ?, ?, now() + interval '1 day', 1)",
                "abcdefghijklmnopqrstuvw+/", group, ann));
        String code = link(1);
        assertRejected(UNIQUE_VIOLATION, "invite_links_pkey", () -> db.update(
                "insert into invite_links (code, group_id, created_by, expires_at, max_uses) values (?, ?, ?, now() + interval '1 day', 1)",
                code, group, ann));
    }

    @Test
    void usesNeverExceedMaxUsesWhateverWrites() {
        String code = link(2);
        assertRejected(CHECK_VIOLATION, "invite_links_uses_within_max",
                () -> db.update("update invite_links set uses = 3 where code = ?", code));
        assertRejected(CHECK_VIOLATION, "invite_links_max_uses_range", () -> link(1001));
        assertRejected(CHECK_VIOLATION, "invite_links_max_uses_range", () -> link(0));
    }

    /** 20 connections consume a 3-use link at once: exactly 3 updates return a row. */
    @Test
    void concurrentConsumersNeverPassMaxUses() throws Exception {
        String code = link(3);
        int clients = 20;
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        TestDatabase target = TestDatabase.freshDatabase(); // only for its server; we connect to the fixture's database
        String url = db.connection().getMetaData().getURL();
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                results.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(url, target.user(), target.password())) {
                        c.setAutoCommit(false);
                        ready.countDown();
                        go.await();
                        boolean consumed;
                        try (PreparedStatement s = c.prepareStatement(CONSUME)) {
                            s.setString(1, code);
                            try (ResultSet rs = s.executeQuery()) {
                                consumed = rs.next();
                            }
                        }
                        c.commit();
                        return consumed;
                    }
                }));
            }
            ready.await();
            go.countDown();
            int consumed = 0;
            for (Future<Boolean> result : results) {
                consumed += result.get() ? 1 : 0;
            }
            assertEquals(3, consumed);
            assertEquals(3, (int) db.<Integer>queryOne("select uses from invite_links where code = ?", code));
        } finally {
            pool.shutdownNow();
        }
    }
}
