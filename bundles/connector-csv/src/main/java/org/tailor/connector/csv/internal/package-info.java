/** The hot folder connector for CSV and JSON lines files; private to the bundle. */
package org.tailor.connector.csv.internal;
