package org.tailor.benchmarks.templates;

import java.util.List;

/**
 * One way of rendering the benchmark email. This is the hook for another contender (for example
 * Tailor's modular rendering: blocks rendered once per campaign and variant, text-and-field blocks
 * turned into direct concatenation): implement it, register it in {@link EmailEngines}, add its
 * name to {@link TemplateRenderingBenchmark#engine}, and it is measured in the same run and its
 * output checked byte for byte against the others before measuring.
 */
public interface EmailEngine {

    /**
     * Does everything that is not per-recipient work, outside the measurement: loads or compiles
     * the template and turns each recipient into what this engine reads.
     *
     * @param recipients the recipients the benchmark will iterate over, round robin
     */
    Rendering prepare(List<Recipient> recipients) throws Exception;

    /** Renders the email's HTML for one recipient; this is what is measured. */
    @FunctionalInterface
    interface Rendering {

        /** @param recipient index into the list given to {@link #prepare} */
        String render(int recipient) throws Exception;
    }
}
