/** The CSV hot folder connector; private to the bundle. */
package org.tailor.connector.csv.internal;
