package org.tailor.runtime.internal;

/** What every send of every campaign is held to, from the runtime's configuration. */
record SendRules(RenderFailureLimit renderLimit, QuietHours quietHours, FrequencyCap frequencyCap) {
}
