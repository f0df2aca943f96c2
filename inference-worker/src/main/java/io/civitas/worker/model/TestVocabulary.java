package io.civitas.worker.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;

/**
 * Vocabulary of the generated test model, in the style of a Llama/Mistral SentencePiece BPE with byte fallback:
 * {@code <unk>}=0, {@code <s>}=1, {@code </s>}=2, the 256 byte tokens {@code <0x00>..<0xFF>}, single characters
 * (including the word marker "▁"), whole words built by left-to-right merges, then {@code <extra_N>} filler.
 *
 * <p>Word tokens are numbered in {@link #ORDERED_WORDS} order after all merge intermediates, so that with the
 * "successor" weights (next token = last token + 1) a chat prompt, which ends in "▁[/INST]", continues with
 * " The quick brown fox jumps over the lazy dog".
 *
 * @param pieces token strings by id
 * @param merges BPE merges ("left right"), highest priority first
 */
public record TestVocabulary(List<String> pieces, List<String> merges) {

    public static final String WORD_MARK = "▁";
    public static final int UNK = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int FIRST_BYTE = 3;

    private static final String CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + ".,!?'\"-:;()[]/";

    /** Whole-word tokens in id order; the first two are the chat template's markers. */
    static final List<String> ORDERED_WORDS = List.of("[INST]", "[/INST]", "The", "quick", "brown", "fox", "jumps",
            "over", "the", "lazy", "dog", "and", "runs", "away", "hello", "world", "once", "upon", "a", "time",
            "there", "was", "girl", "lily", "of", "to", "in", "is", "it", "for", "on", "with",
            "as", "at", "by", "this", "that", "from", "or", "an", "are", "not", "have", "but", "what", "all", "were",
            "when", "we", "can", "you", "he", "she", "they", "one", "said", "do", "if", "will", "up", "out", "so",
            "no", "my", "sky", "blue", "sun", "red", "cat", "sat", "mat", "good", "day", "yes");

    public TestVocabulary {
        pieces = List.copyOf(pieces);
        merges = List.copyOf(merges);
    }

    /** Builds the vocabulary, padded with {@code <extra_N>} tokens to exactly {@code size} entries. */
    public static TestVocabulary build(int size) {
        List<String> pieces = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            pieces.add("<0x%02X>".formatted(b));
        }
        pieces.add(WORD_MARK);
        CHARACTERS.codePoints().forEach(c -> pieces.add(Character.toString(c)));

        SequencedSet<String> intermediates = new LinkedHashSet<>();
        Map<String, String> merges = new LinkedHashMap<>();
        for (String word : ORDERED_WORDS) {
            String prefix = WORD_MARK;
            for (int i = 0; i < word.length(); i++) {
                String next = prefix + word.charAt(i);
                merges.putIfAbsent(next, prefix + " " + word.charAt(i));
                intermediates.add(next);
                prefix = next;
            }
        }
        List<String> words = ORDERED_WORDS.stream().map(w -> WORD_MARK + w).toList();
        words.forEach(intermediates::remove);
        pieces.addAll(intermediates);
        pieces.addAll(words);
        if (pieces.size() > size) {
            throw new IllegalStateException("vocabulary needs " + pieces.size() + " tokens, more than " + size);
        }
        for (int extra = 0; pieces.size() < size; extra++) {
            pieces.add("<extra_" + extra + ">");
        }
        return new TestVocabulary(pieces, List.copyOf(merges.values()));
    }

    /** Id of a token string; fails if it is not in the vocabulary. */
    public int id(String piece) {
        int id = pieces.indexOf(piece);
        if (id < 0) {
            throw new IllegalArgumentException("not in the vocabulary: " + piece);
        }
        return id;
    }
}
