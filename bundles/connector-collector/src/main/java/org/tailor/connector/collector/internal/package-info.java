/** The HTTP event collector speaking Segment's tracking spec; private to the bundle. */
package org.tailor.connector.collector.internal;
