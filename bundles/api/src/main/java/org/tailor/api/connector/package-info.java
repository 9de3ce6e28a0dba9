/**
 * The connector SPI that partners implement to bring customer data into Tailor.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.tailor.api.connector;
