package io.civitas.worker.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hugging Face tokenizer.json and tokenizer_config.json contents for a {@link TestVocabulary}: a Llama/Mistral
 * style BPE with byte fallback, a Prepend("▁") + Replace(" " -> "▁") normalizer and the SentencePiece decoder.
 */
final class TokenizerJson {

    private TokenizerJson() {
    }

    static Map<String, Object> of(TestVocabulary vocabulary) {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int id = 0; id < vocabulary.pieces().size(); id++) {
            vocab.put(vocabulary.pieces().get(id), id);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", "<unk>");
        model.put("continuing_subword_prefix", null);
        model.put("end_of_word_suffix", null);
        model.put("fuse_unk", true);
        model.put("byte_fallback", true);
        model.put("ignore_merges", false);
        model.put("vocab", vocab);
        model.put("merges", vocabulary.merges());

        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("version", "1.0");
        tokenizer.put("truncation", null);
        tokenizer.put("padding", null);
        tokenizer.put("added_tokens", List.of(special(TestVocabulary.UNK, "<unk>"), special(TestVocabulary.BOS, "<s>"),
                special(TestVocabulary.EOS, "</s>")));
        tokenizer.put("normalizer", Map.of("type", "Sequence", "normalizers", List.of(
                Map.of("type", "Prepend", "prepend", TestVocabulary.WORD_MARK),
                Map.of("type", "Replace", "pattern", Map.of("String", " "), "content", TestVocabulary.WORD_MARK))));
        tokenizer.put("pre_tokenizer", null);
        tokenizer.put("post_processor", Map.of("type", "TemplateProcessing",
                "single", List.of(Map.of("SpecialToken", Map.of("id", "<s>", "type_id", 0)),
                        Map.of("Sequence", Map.of("id", "A", "type_id", 0))),
                "pair", List.of(Map.of("SpecialToken", Map.of("id", "<s>", "type_id", 0)),
                        Map.of("Sequence", Map.of("id", "A", "type_id", 0)),
                        Map.of("SpecialToken", Map.of("id", "<s>", "type_id", 1)),
                        Map.of("Sequence", Map.of("id", "B", "type_id", 1))),
                "special_tokens", Map.of("<s>", Map.of("id", "<s>", "ids", List.of(TestVocabulary.BOS),
                        "tokens", List.of("<s>")))));
        tokenizer.put("decoder", Map.of("type", "Sequence", "decoders", List.of(
                Map.of("type", "Replace", "pattern", Map.of("String", TestVocabulary.WORD_MARK), "content", " "),
                Map.of("type", "ByteFallback"),
                Map.of("type", "Fuse"),
                Map.of("type", "Strip", "content", " ", "start", 1, "stop", 0))));
        tokenizer.put("model", model);
        return tokenizer;
    }

    static Map<String, Object> config(ModelShape shape) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tokenizer_class", "LlamaTokenizer");
        config.put("add_bos_token", true);
        config.put("add_eos_token", false);
        config.put("bos_token", "<s>");
        config.put("eos_token", "</s>");
        config.put("unk_token", "<unk>");
        config.put("legacy", false);
        config.put("clean_up_tokenization_spaces", false);
        config.put("model_max_length", shape.context());
        return config;
    }

    private static Map<String, Object> special(int id, String content) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("id", id);
        token.put("content", content);
        token.put("single_word", false);
        token.put("lstrip", false);
        token.put("rstrip", false);
        token.put("normalized", false);
        token.put("special", true);
        return token;
    }
}
