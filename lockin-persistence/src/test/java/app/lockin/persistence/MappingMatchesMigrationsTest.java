package app.lockin.persistence;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every entity, column and type of the persistence unit exists in the schema the Flyway
 * migrations build: the same check the application runs at startup, here at build time.
 */
class MappingMatchesMigrationsTest {

    @RegisterExtension
    static final LockinUnit unit = LockinUnit.perTestClass();



    @Test
    void theMappingValidatesAgainstTheMigratedSchema() {
        unit.factory().unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }
}
