package org.tailor.segments.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.tailor.segments.internal.LocatedJson.Position;

/** Reads definition files as UTF-8, strictly, so that a file saved in another encoding is reported rather than garbled. */
final class StrictUtf8 {

    private StrictUtf8() {
    }

    /** The text without a byte order mark. */
    static String decode(String name, byte[] content) throws SegmentFileException {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new SegmentFileException(name, new Position(1, 1), "the file is not valid UTF-8; save it as UTF-8");
        }
    }
}
