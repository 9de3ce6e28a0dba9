package org.tailor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

@RunWith(PaxExam.class)
public class BundlesAndComponentsIT extends TailorTestSupport {

    private static final List<String> TAILOR_BUNDLES = List.of("org.tailor.api", "org.tailor.store",
            "org.tailor.consent", "org.tailor.ingest", "org.tailor.connector.csv", "org.tailor.segments",
            "org.tailor.content", "org.tailor.runtime", "org.tailor.shell", "org.tailor.connector.collector");

    @Inject
    ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return baseOptions().toArray(new Option[0]);
    }

    @Test
    public void everyTailorBundleIsActive() throws InterruptedException {
        awaitBundlesActive();
    }

    /** The test may start while the boot features are still being started. */
    private void awaitBundlesActive() throws InterruptedException {
        try {
            await("every Tailor bundle to be active", java.time.Duration.ofSeconds(60), () -> bundleProblems().isEmpty());
        } catch (AssertionError timedOut) {
            assertEquals("bundle problems", List.of(), bundleProblems());
        }
    }

    private List<String> bundleProblems() {
        List<String> problems = new ArrayList<>();
        for (String name : TAILOR_BUNDLES) {
            Bundle bundle = bundle(name);
            if (bundle == null) {
                problems.add(name + " is not installed");
            } else if (bundle.getState() != Bundle.ACTIVE) {
                problems.add(name + " is in state " + bundle.getState());
            }
        }
        return problems;
    }

    @Test
    public void everyTailorComponentIsSatisfied() throws InterruptedException {
        // A bundle that has not started yet shows no components, so "none unsatisfied" means nothing before this.
        awaitBundlesActive();
        try {
            await("every Tailor component to be satisfied", java.time.Duration.ofSeconds(30),
                    () -> unsatisfiedComponents().isEmpty());
        } catch (AssertionError timedOut) {
            assertEquals("component problems", List.of(), unsatisfiedComponents());
        }
        int components = 0;
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName().startsWith("org.tailor.")) {
                components += scr.getComponentDescriptionDTOs(bundle).size();
            }
        }
        assertTrue("expected Tailor's components to be registered, found " + components, components >= 10);
    }

    private List<String> unsatisfiedComponents() {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : bundleContext.getBundles()) {
            if (!bundle.getSymbolicName().startsWith("org.tailor.")) {
                continue;
            }
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
                if (!scr.isComponentEnabled(description)) {
                    problems.add(description.name + " is disabled");
                    continue;
                }
                var configurations = scr.getComponentConfigurationDTOs(description);
                // A component that requires configuration (one per source, such as a collector write key)
                // rightly has none until an admin adds one; every other component must have one.
                if (configurations.isEmpty() && !"require".equals(description.configurationPolicy)) {
                    problems.add(description.name + " has no configuration");
                }
                for (ComponentConfigurationDTO configuration : configurations) {
                    if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                            || configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                            || configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        StringBuilder why = new StringBuilder(description.name + " is unsatisfied");
                        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                            why.append(", missing ").append(reference.name);
                        }
                        if (configuration.failure != null) {
                            why.append(", failed: ").append(configuration.failure);
                        }
                        problems.add(why.toString());
                    }
                }
            }
        }
        return problems;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : bundleContext.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }
}
