/** Velocity rendering in a sandbox; private to the bundle. */
package org.tailor.content.internal;
