/**
 * Campaign, trigger, outbox and transport contracts.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.tailor.api.delivery;
