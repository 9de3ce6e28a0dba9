/**
 * Segment rules as data: the rule tree, its JSON format and text syntax (parsers and printers),
 * the in-memory evaluator with one class per kind of condition, explain traces, and the
 * file-backed segment service; scores (RFM, engagement, scoring plans) and behavioural clusters
 * computed over the whole store by the scoring service; private to the bundle.
 */
package org.tailor.segments.internal;
