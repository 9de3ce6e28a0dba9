/** The consent ledger service; private to the bundle. */
package org.tailor.consent.internal;
