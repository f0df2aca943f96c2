package io.civitas.worker.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.github.tjake.jlama.safetensors.tokenizer.BPETokenizer;
import com.github.tjake.jlama.safetensors.tokenizer.TokenizerModel;

/**
 * Turns token ids into UTF-8 bytes without state shared between calls (Jlama's own decode keeps one byte buffer
 * for all callers). Special tokens produce nothing; byte-fallback tokens produce their byte; SentencePiece's "▁"
 * becomes a space; byte-level (GPT-2 style) pieces are mapped back to their bytes.
 */
final class Detokenizer {

    private static final Pattern BYTE_TOKEN = Pattern.compile("<0x([0-9A-Fa-f]{2})>");
    private static final byte[] NOTHING = new byte[0];

    private final byte[][] bytesById;

    Detokenizer(TokenizerModel model, int vocabularySize) {
        this.bytesById = new byte[vocabularySize][];
        for (int id = 0; id < vocabularySize; id++) {
            String piece = model.vocabLookup.inverse().get((long) id);
            bytesById[id] = piece == null || model.isSpecialToken(id) ? NOTHING : bytesOf(model, piece);
        }
    }

    private static byte[] bytesOf(TokenizerModel model, String piece) {
        var byteToken = BYTE_TOKEN.matcher(piece);
        if (model.byteFallback && byteToken.matches()) {
            return new byte[] {(byte) Integer.parseInt(byteToken.group(1), 16)};
        }
        if (model.isLegacy()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            piece.codePoints().forEach(c -> out.write(BPETokenizer.alteredBytes.inverse().getOrDefault(c, c)));
            return out.toByteArray();
        }
        return piece.replace("▁", " ").getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes token {@code id} contributes to the text (empty for special and unknown ids). */
    byte[] bytes(int id) {
        return id >= 0 && id < bytesById.length ? bytesById[id] : NOTHING;
    }

    /** The text of a whole sequence of ids. */
    String decode(int[] ids) {
        Utf8Stream stream = new Utf8Stream();
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            text.append(stream.append(bytes(id)));
        }
        return text.append(stream.flush()).toString();
    }
}
