package app.lockin.persistence;

import app.lockin.sql.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The production persistence unit "lockin" (META-INF/persistence.xml, JTA on Liberty) bootstrapped
 * outside a container: RESOURCE_LOCAL transactions and a JDBC URL to a freshly migrated test
 * database instead of the server's {@code jdbc/lockin} data source.
 */
final class LockinUnit implements BeforeAllCallback, AfterAllCallback {

    private EntityManagerFactory factory;

    private LockinUnit() {
    }

    /**
     * For {@code @RegisterExtension static final LockinUnit unit = LockinUnit.perTestClass()}:
     * the unit on a fresh migrated database per test class, closed at the end.
     */
    static LockinUnit perTestClass() {
        return new LockinUnit();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase db = TestDatabase.migratedDatabase();
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        overrides.put("jakarta.persistence.jtaDataSource", null);
        // as on Liberty: strings are sent untyped so citext comparisons stay case-insensitive. In a
        // URL the driver's key is all lower case: "?stringType=..." is silently ignored.
        overrides.put("jakarta.persistence.jdbc.url", db.url() + "?stringtype=unspecified");
        overrides.put("jakarta.persistence.jdbc.user", db.user());
        overrides.put("jakarta.persistence.jdbc.password", db.password());
        overrides.put("hibernate.transaction.jta.platform",
                "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform");
        factory = Persistence.createEntityManagerFactory("lockin", overrides);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        factory.close();
    }

    EntityManagerFactory factory() {
        return factory;
    }

    /** Runs {@code work} in one transaction and returns its result; rolls back on failure. */
    <T> T call(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /** Runs {@code work} in one transaction; rolls back on failure. */
    void run(Consumer<EntityManager> work) {
        call(em -> {
            work.accept(em);
            return null;
        });
    }
}
