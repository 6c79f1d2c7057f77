package maraude.imports.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Facebook and Instagram exports write UTF-8 bytes as Latin-1 code points ("cafÃ©"). The repair
 * applies only when every char is at most U+00FF and the bytes form valid UTF-8, so correct text
 * is left alone.
 */
public final class Mojibake {

    private Mojibake() {
    }

    public static String repair(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s;
            }
            if (c >= 0x80) {
                high = true;
            }
        }
        if (!high) {
            return s;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return s;
        }
    }
}
