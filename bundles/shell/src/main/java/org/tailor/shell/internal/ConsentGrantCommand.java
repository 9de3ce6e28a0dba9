package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.model.ConsentStatus;

@Command(scope = "tailor", name = "consent-grant", description = "Grants a purpose on a person's behalf, keeping who did it and why")
@Service
public class ConsentGrantCommand extends ConsentChangeCommand {

    @Override
    ConsentStatus status() {
        return ConsentStatus.GRANTED;
    }
}
