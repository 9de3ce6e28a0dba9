package org.tailor.shell.internal;

import java.security.AccessController;
import java.security.Principal;
import javax.security.auth.Subject;

/** Who is at the console, for the proof kept with changes made on someone's behalf. */
final class ConsoleUser {

    private ConsoleUser() {
    }

    /**
     * The name of Karaf's JAAS user principal of the session (matched by class name, so that this
     * bundle needs no Karaf JAAS import), or {@code console} for a session without one.
     */
    @SuppressWarnings("removal")
    static String name() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            for (Principal principal : subject.getPrincipals()) {
                if (principal.getClass().getSimpleName().equals("UserPrincipal")) {
                    return principal.getName();
                }
            }
        }
        return "console";
    }
}
