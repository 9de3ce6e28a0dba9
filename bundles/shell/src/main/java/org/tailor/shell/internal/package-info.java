/** Console commands in the {@code tailor} scope; thin actions over the API services. */
package org.tailor.shell.internal;
