package app.lockin.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

import java.io.File;

/** The EAR exactly as built by lockin-ear: the tests deploy what operations deploy. */
public final class Deployments {

    private Deployments() {
    }

    public static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("lockin.test.ear")));
    }
}
