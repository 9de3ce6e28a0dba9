/**
 * Tailor's immutable model: profiles with identities and attributes, events, consent records, segment and campaign definitions, rendered messages. Every type here is an immutable value, safe to share between threads.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.tailor.api.model;
