package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.model.ConsentStatus;

@Command(scope = "tailor", name = "consent-withdraw", description = "Withdraws a purpose on a person's behalf, keeping who did it and why")
@Service
public class ConsentWithdrawCommand extends ConsentChangeCommand {

    @Override
    ConsentStatus status() {
        return ConsentStatus.WITHDRAWN;
    }
}
