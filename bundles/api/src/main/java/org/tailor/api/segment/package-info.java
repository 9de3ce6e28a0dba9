/**
 * Segment evaluation contracts.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.tailor.api.segment;
