/**
 * Segment rules as data: the rule tree, its JSON format (parser and printer), the in-memory
 * evaluator and the file-backed segment service; private to the bundle.
 */
package org.tailor.segments.internal;
