package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.consent.AuditTrail;
import org.tailor.api.consent.AuditVerification;

@Command(scope = "tailor", name = "audit-verify", description = "Checks every link of the consent audit chain and reports the first broken one")
@Service
public class AuditVerifyCommand implements Action {

    @Reference
    AuditTrail audit;

    @Override
    public Object execute() {
        AuditVerification result = audit.verify();
        if (result.intact()) {
            System.out.println("Audit chain intact: " + result.checked() + " entries");
        } else {
            System.out.println("Audit chain BROKEN at entry " + result.firstBroken().orElseThrow() + ": " + result.problem()
                    + " (" + result.checked() + " entries read)");
        }
        return null;
    }
}
