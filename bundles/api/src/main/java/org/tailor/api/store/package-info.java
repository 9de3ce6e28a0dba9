/**
 * Persistence contracts for profiles, events, consent history, the outbox and trigger timers. Implementations are thread safe and durable: a call that returns normally has been committed.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.tailor.api.store;
