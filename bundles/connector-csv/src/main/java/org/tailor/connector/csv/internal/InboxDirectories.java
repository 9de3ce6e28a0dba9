package org.tailor.connector.csv.internal;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Which hot folder connector owns which inbox. Two connectors on one folder would claim each
 * other's files and write into each other's done/ and failed/; so would one nested in another,
 * since processing/, done/ and failed/ live inside the inbox. Two with one name could not be told
 * apart on the console. The first to ask gets the folder and the name; a later one is told who has
 * them, and may ask again once they are let go. Private to this bundle; shared by its connectors.
 */
@Component(service = InboxDirectories.class)
public final class InboxDirectories {

    private final Map<Object, Owned> owners = new IdentityHashMap<>();

    /**
     * Takes the folder for a connector, unless another connector has it, a folder inside it or
     * around it, or the same name.
     *
     * @param owner the connector instance asking
     * @return empty if the folder is the connector's now, otherwise a message saying who has what
     */
    synchronized Optional<String> claim(Object owner, String name, Path inbox) {
        Path folder = inbox.toAbsolutePath().normalize();
        for (Map.Entry<Object, Owned> entry : owners.entrySet()) {
            if (entry.getKey() == owner) {
                continue;
            }
            Owned other = entry.getValue();
            if (other.name().equals(name)) {
                return Optional.of("another hot folder configuration is already named " + name + " (inbox "
                        + other.folder() + "); give each configuration a name of its own");
            }
            if (other.folder().equals(folder)) {
                return Optional.of("the directory " + folder + " is already the inbox of connector " + other.name()
                        + "; give each hot folder configuration a directory of its own");
            }
            if (folder.startsWith(other.folder()) || other.folder().startsWith(folder)) {
                return Optional.of("the directory " + folder + (folder.startsWith(other.folder()) ? " is inside " : " holds ")
                        + other.folder() + ", the inbox of connector " + other.name()
                        + "; hot folders must not be nested, give each configuration a directory of its own");
            }
        }
        owners.put(owner, new Owned(name, folder));
        return Optional.empty();
    }

    /** Lets go of whatever the connector had. */
    synchronized void release(Object owner) {
        owners.remove(owner);
    }

    private record Owned(String name, Path folder) {
    }
}
