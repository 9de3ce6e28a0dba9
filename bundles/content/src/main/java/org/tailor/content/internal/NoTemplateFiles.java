package org.tailor.content.internal;

import java.io.Reader;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;

/**
 * The engine's only resource loader, and it finds nothing: Tailor reads template files itself,
 * so Velocity never touches the file system or the class path (no velocimacro library, no
 * {@code #include}/{@code #parse} target, no thread-context-class-loader lookups).
 */
final class NoTemplateFiles extends ResourceLoader {

    @Override
    public void init(ExtProperties configuration) {
        // nothing to configure
    }

    @Override
    public Reader getResourceReader(String source, String encoding) {
        throw new ResourceNotFoundException("templates cannot load other files: " + source);
    }

    @Override
    public boolean resourceExists(String resourceName) {
        return false;
    }

    @Override
    public boolean isSourceModified(Resource resource) {
        return false;
    }

    @Override
    public long getLastModified(Resource resource) {
        return 0;
    }
}
