/**
 * Intake contracts: inbound records, validation results and the ingest service that turns records into profiles and events.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.tailor.api.ingest;
