package app.lockin.ejb.maintenance;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;

import javax.sql.DataSource;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies the Flyway migrations of src-sql when the application starts, then validates the JPA
 * mapping against the migrated schema (Hibernate never generates schema here).
 *
 * <p>Liberty builds the EntityManagerFactory before any startup bean runs, so validation cannot
 * be left to {@code hbm2ddl.auto=validate}: it would run on an empty database. When the database
 * is unreachable at start (RDS still booting), the migration is retried every 10 seconds and
 * readiness stays DOWN until it succeeds.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());
    private static final long RETRY_MILLIS = 10_000;

    /** Not the request pool: its statement timeout would cut a long migration short. */
    @Resource(lookup = "jdbc/lockin-admin")
    private DataSource dataSource;

    @PersistenceUnit(unitName = "lockin")
    private EntityManagerFactory entityManagerFactory;

    @Resource
    private TimerService timerService;

    private volatile boolean migrated;
    private volatile String lastFailure = "not yet attempted";

    @PostConstruct
    void migrateOnStart() {
        tryMigrate();
    }

    @Timeout
    void retry() {
        tryMigrate();
    }

    /** True once every migration is applied and the mapping validated. */
    public boolean isMigrated() {
        return migrated;
    }

    /** Why the schema is not ready yet, for the readiness check's data. */
    public String lastFailure() {
        return lastFailure;
    }

    private void tryMigrate() {
        try {
            var result = Flyway.configure(SchemaMigration.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
            migrated = true;
            lastFailure = null;
            LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                    + " (" + result.migrationsExecuted + " migrations applied now); JPA mapping validated");
        } catch (RuntimeException e) {
            lastFailure = e.getMessage();
            LOG.log(Level.SEVERE, "Database migration failed; retrying in " + RETRY_MILLIS / 1000 + " s", e);
            timerService.createSingleActionTimer(RETRY_MILLIS, new TimerConfig(null, false));
        }
    }
}
