package app.lockin.persistence;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every entity, column and type of the persistence unit exists in the schema the Flyway
 * migrations build: the same check the application runs at startup, here at build time.
 */
class MappingMatchesMigrationsTest {

    static LockinUnit unit;

    @BeforeAll
    static void bootstrap() {
        unit = LockinUnit.onMigratedDatabase();
    }

    @AfterAll
    static void close() {
        unit.close();
    }

    @Test
    void theMappingValidatesAgainstTheMigratedSchema() {
        unit.factory().unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }
}
