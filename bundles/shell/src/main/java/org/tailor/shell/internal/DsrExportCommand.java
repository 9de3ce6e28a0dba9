package org.tailor.shell.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.consent.DataSubjectRequests;
import org.tailor.api.consent.SubjectExport;
import org.tailor.api.model.SubjectRequest;
import org.tailor.api.store.ProfileStore;

@Command(scope = "tailor", name = "dsr-export", description = "Exports everything held about a person as JSON (access request, GDPR Art. 15)")
@Service
public class DsrExportCommand implements Action {

    @Reference
    ProfileStore profiles;

    @Reference
    DataSubjectRequests requests;

    @Argument(index = 0, name = "person", description = "A profile id, or an identity as namespace:value", required = true)
    String person;

    @Option(name = "--file", description = "Where to write the JSON (default ${karaf.data}/tailor/dsr/<request id>.json)")
    String file;

    @Override
    public Object execute() throws Exception {
        SubjectExport export = requests.export(ProfileShowCommand.find(profiles, person).id(), ConsoleUser.name());
        System.out.println(SubjectRequestFormat.line(export.request()));
        if (export.request().state() == SubjectRequest.State.DONE) {
            Path target = file != null ? Path.of(file)
                    : Path.of(System.getProperty("karaf.data", "data"), "tailor", "dsr", export.request().id() + ".json");
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, export.json(), StandardCharsets.UTF_8);
            if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
                // Personal data: readable by the account Karaf runs as only.
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
            }
            System.out.println("Written to " + target.toAbsolutePath());
        }
        return null;
    }
}
