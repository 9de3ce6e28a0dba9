/** The JDBC pull connector; private to the bundle. */
package org.tailor.connector.jdbc.internal;
