package org.tailor.content.internal;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.AttributeScope;
import org.tailor.api.consent.PersonalizationConsent;
import org.tailor.api.content.ContentRenderer;
import org.tailor.api.content.ExplainedMessage;
import org.tailor.api.content.SlotChoice;
import org.tailor.api.content.RenderException;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;
import org.tailor.api.segment.ConditionCompiler;

/**
 * Renders the Velocity template packs of one folder ({@code <folder>/<id>/subject.vm},
 * {@code body.html.vm}, optional {@code body.txt.vm}), loaded at activation and reloaded when
 * their files change.
 *
 * <p>Each message renders on a worker thread under a time limit; a render that overruns is
 * interrupted and, if it does not stop, abandoned. Output per part, values per {@code #set} and
 * iterations per {@code #foreach} are capped, and templates reach only what
 * {@link AllowlistUberspector} allows.
 */
@Component(service = ContentRenderer.class, configurationPid = "org.tailor.content", immediate = true)
@Designate(ocd = VelocityContentRendererConfig.class)
public class VelocityContentRenderer implements ContentRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(VelocityContentRenderer.class);

    private final TemplateLibrary library;
    /** Packs shipped in bundles; those in the folder win over them. */
    private final TemplateLibrary fromBundles;
    private final BundleTemplates bundleTemplates;
    /** Null without a bundle context. */
    private final BundleTracker<Path> tracker;
    private final Locale defaultLocale;
    private final ZoneId defaultZone;
    /** Compiles the rules of variants; null while the segment service is not running. */
    private volatile ConditionCompiler conditions;
    private final SandboxedVelocity velocity;
    private final int maxOutputChars;
    private final int maxRenderSteps;
    private final int maxLoopIterations;
    /** Whether unbounded packs render on a thread of their own (render.isolation = thread). */
    private final boolean isolated;
    private final long renderTimeoutMs;
    private final ThreadPoolExecutor renderers;
    /** Null when scanning is off (scan_interval_ms = 0). */
    private final ScheduledExecutorService scanner;

    /** What the consent service lets personalization read of each recipient. */
    private final PersonalizationConsent consent;

    @Activate
    public VelocityContentRenderer(VelocityContentRendererConfig config, @Reference PersonalizationConsent consent,
                                   BundleContext context) {
        this(config, consent, Optional.of(context));
    }

    /** Without a bundle context (tests), packs come from the folder only. */
    VelocityContentRenderer(VelocityContentRendererConfig config, PersonalizationConsent consent) {
        this(config, consent, Optional.empty());
    }

    private VelocityContentRenderer(VelocityContentRendererConfig config, PersonalizationConsent consent,
                                    Optional<BundleContext> context) {
        this.consent = consent;
        this.maxOutputChars = Math.max(1, config.max_output_chars());
        this.renderTimeoutMs = Math.max(1, config.render_timeout_ms());
        this.velocity = new SandboxedVelocity(Math.max(1, config.max_loop_iterations()), Math.max(1, config.max_nesting()));
        this.maxRenderSteps = Math.max(1, config.max_render_steps());
        this.maxLoopIterations = Math.max(1, config.max_loop_iterations());
        this.isolated = "thread".equalsIgnoreCase(config.render_isolation().strip());
        Path directory = KarafPaths.underEtc(config.directory(), "tailor/templates");
        this.defaultLocale = FormatTool.locale(config.default_locale()).orElse(Locale.ENGLISH);
        this.defaultZone = FormatTool.zone(config.default_time_zone()).orElse(ZoneOffset.UTC);
        PackLoader loader = new PackLoader(velocity, directory.resolve(PackLoader.SHARED_BLOCKS),
                Set.of(config.profile_attributes()), () -> Optional.ofNullable(conditions));
        this.library = new TemplateLibrary(directory, loader);
        Path bundleRoot = KarafPaths.underData(config.bundle_templates_directory(), "tailor/bundle-templates");
        BundleTemplates.clear(bundleRoot); // left by an earlier run: the tracker copies what is installed now
        this.fromBundles = new TemplateLibrary(bundleRoot, loader, 2);
        this.bundleTemplates = new BundleTemplates(bundleRoot, this::rescanQuietly);
        // A cached pool: a render that ignores its interrupt keeps its thread, never a shared one.
        this.renderers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("tailor-content-render"));
        library.rescan();
        this.tracker = context.map(c -> new BundleTracker<>(c, Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE,
                bundleTemplates)).orElse(null);
        if (tracker != null) {
            tracker.open();
        }
        LOG.info("Templates from {}: {} loaded, {} problems", directory, library.ids().size(),
                library.problems().size());
        long interval = config.scan_interval_ms();
        if (interval > 0) {
            scanner = Executors.newSingleThreadScheduledExecutor(daemonThreads("tailor-content-scan"));
            scanner.scheduleWithFixedDelay(this::rescanQuietly, interval, interval, TimeUnit.MILLISECONDS);
        } else {
            scanner = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindConditions")
    void bindConditions(ConditionCompiler compiler) {
        conditions = compiler;
        reloadAll();
    }

    void unbindConditions(ConditionCompiler compiler) {
        if (conditions == compiler) {
            conditions = null;
            reloadAll();
        }
    }

    /** Packs with rules compile them against the segment service now running (or fail without one). */
    private void reloadAll() {
        library.invalidate();
        fromBundles.invalidate();
        rescanQuietly();
    }

    @Deactivate
    void deactivate() {
        if (tracker != null) {
            tracker.close();
        }
        if (scanner != null) {
            scanner.shutdownNow();
        }
        renderers.shutdownNow();
    }

    /** Checks the folders now; the scanner calls this, and tests call it instead of waiting. */
    void rescan() {
        library.rescan();
        fromBundles.rescan();
    }

    /** Renders still running, an abandoned one included; for tests. */
    int activeRenders() {
        return renderers.getActiveCount();
    }

    private void rescanQuietly() {
        try {
            rescan();
        } catch (RuntimeException e) {
            // An exception would cancel the scheduled task and stop reloading for good.
            LOG.warn("Scanning templates in {} failed; will try again", library.directory(), e);
        }
    }

    /**
     * The profile as the template may see it: only the attributes the person's consent lets
     * personalization read, so a template without consent falls back to its defaults.
     */
    private static Profile minimized(Profile profile, AttributeScope scope) {
        if (scope.all()) {
            return profile;
        }
        Map<String, Object> readable = new LinkedHashMap<>();
        profile.attributes().forEach((name, value) -> {
            if (scope.allows(name)) {
                readable.put(name, value);
            }
        });
        return new Profile(profile.id(), profile.identities(), readable, profile.createdAt(), profile.updatedAt());
    }

    @Override
    public List<String> templates() {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>(library.ids());
        ids.addAll(fromBundles.ids());
        return List.copyOf(ids);
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(library.problems());
        problems.addAll(fromBundles.problems());
        problems.addAll(bundleTemplates.problems());
        return List.copyOf(problems);
    }

    private Optional<TemplatePack> pack(String id) {
        Optional<TemplatePack> own = library.pack(id);
        return own.isPresent() ? own : fromBundles.pack(id);
    }

    @Override
    public RenderedMessage render(String templateId, Profile profile, String recipient, Map<String, Object> variables)
            throws RenderException {
        return merge(templateId, profile, recipient, variables, false).message();
    }

    @Override
    public ExplainedMessage explain(String templateId, Profile profile, String recipient, Map<String, Object> variables)
            throws RenderException {
        return merge(templateId, profile, recipient, variables, true);
    }

    private ExplainedMessage merge(String templateId, Profile profile, String recipient, Map<String, Object> variables,
                                   boolean explain) throws RenderException {
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(variables, "variables");
        TemplatePack pack = pack(templateId).orElseThrow(() -> unknown(templateId));
        AttributeScope scope = consent.readableAttributes(profile.id());
        List<SlotChoice> choices = new ArrayList<>(pack.slots().size());
        MessageMerge merge;
        try {
            for (SlotPlan slot : pack.slots()) {
                // Rules read the whole profile (and its events), but only with the consent that opens it all.
                choices.add(slot.choose(profile, scope.all(), explain));
            }
            Profile visible = minimized(profile, scope);
            merge = new MessageMerge(velocity, pack, visible, recipient, variables, choices,
                    FormatTool.of(visible, defaultLocale, defaultZone),
                    new RenderScope.Limits(maxOutputChars, maxRenderSteps, renderTimeoutMs, maxLoopIterations),
                    explain ? RenderScope.collector() : null);
        } catch (IllegalArgumentException e) {
            throw new RenderException("template " + templateId + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new RenderException("template " + templateId + ": choosing the variants failed: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        RenderedMessage message = pack.bounded() || !isolated ? inline(templateId, merge) : underTimeLimit(templateId, merge);
        return new ExplainedMessage(message, choices, merge.defaultedFields(), scope.reason());
    }

    /**
     * On the caller's thread: a pack without loops or macros takes time bounded by its size, and in
     * any other the deadline is checked at every step.
     */
    private RenderedMessage inline(String templateId, MessageMerge merge) throws RenderException {
        if (renderers.isShutdown()) {
            throw new RenderException("template " + templateId + ": the content renderer is stopping");
        }
        try {
            return merge.call();
        } catch (RuntimeException e) {
            throw new RenderException("template " + templateId + ": " + RenderFailures.describe(merge.currentFile(), e), e);
        }
    }

    private RenderedMessage underTimeLimit(String templateId, MessageMerge merge) throws RenderException {
        Future<RenderedMessage> rendering;
        try {
            rendering = renderers.submit(merge);
        } catch (RejectedExecutionException e) {
            throw new RenderException("template " + templateId + ": the content renderer is stopping", e);
        }
        try {
            return rendering.get(renderTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            rendering.cancel(true);
            throw new RenderException("template " + templateId + ": " + merge.currentFile()
                    + ": rendering took longer than " + renderTimeoutMs + " ms and was stopped (render.timeout.ms)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RenderException("template " + templateId + ": "
                    + RenderFailures.describe(merge.currentFile(), cause), cause);
        } catch (InterruptedException e) {
            rendering.cancel(true);
            Thread.currentThread().interrupt();
            throw new RenderException("template " + templateId + ": interrupted while rendering", e);
        }
    }

    private RenderException unknown(String templateId) {
        List<String> problems = new ArrayList<>(library.problems(templateId));
        problems.addAll(fromBundles.problems(templateId));
        return new RenderException(problems.isEmpty()
                ? "template " + templateId + ": no such template in " + library.directory()
                : "template " + templateId + ": not loaded: " + String.join("; ", problems));
    }

    /** Daemon threads that carry this bundle's class loader, so Velocity never sees a caller's. */
    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader bundleLoader = VelocityContentRenderer.class.getClassLoader();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(bundleLoader);
            return thread;
        };
    }
}
