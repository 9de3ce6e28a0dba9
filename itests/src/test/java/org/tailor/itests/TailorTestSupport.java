package org.tailor.itests;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.osgi.framework.BundleContext;

/** Boots the real Tailor distribution and offers the few helpers every integration test needs. */
public abstract class TailorTestSupport {

    @Inject
    protected BundleContext bundleContext;

    @Inject
    protected SessionFactory sessionFactory;

    /** The distribution with Tailor at boot; extra options (files, properties) come from the subclass. */
    protected static List<Option> baseOptions() {
        String localRepository = System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                System.getProperty("user.home") + "/.m2/repository");
        File work = new File(System.getProperty("tailor.itest.work", "target/itest-work"));
        List<Option> options = new ArrayList<>();
        options.add(karafDistributionConfiguration()
                // The archive this build just made, by path: `mvn verify` installs nothing into ~/.m2.
                .frameworkUrl(new File(System.getProperty("tailor.distribution")).toURI().toString())
                .karafVersion("4.4.10")
                .name("Tailor")
                .unpackDirectory(new File(work, "karaf"))
                .useDeployFolder(false));
        options.add(keepRuntimeFolder());
        options.add(configureConsole().ignoreLocalConsole().ignoreRemoteShell());
        options.add(logLevel(LogLevel.INFO));
        // The container resolves Pax Exam's own bundles from the build's local repository (BUILD-NOTES trap 11).
        options.add(editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg",
                "org.ops4j.pax.url.mvn.localRepository", localRepository));
        options.add(systemProperty("tailor.itest.work").value(work.getAbsolutePath()));
        return options;
    }

    /** Polls until the condition holds; fails with the description once the deadline passes. */
    protected static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    /** Runs a console command as an admin, the way an operator would, and returns what it printed. */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("itest"));
        admin.getPrincipals().add(new RolePrincipal("admin"));
        Session session = sessionFactory.create(System.in, out, out);
        try {
            Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } finally {
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The running Karaf's base folder. */
    protected static Path karafBase() {
        return Path.of(System.getProperty("karaf.base"));
    }
}
