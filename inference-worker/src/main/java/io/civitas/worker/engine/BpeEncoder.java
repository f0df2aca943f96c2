package io.civitas.worker.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.regex.Matcher;

import com.github.tjake.jlama.model.llama.LlamaTokenizer;
import com.github.tjake.jlama.safetensors.tokenizer.Tokenizer;
import com.github.tjake.jlama.safetensors.tokenizer.TokenizerModel;

/**
 * Encodes text into token ids exactly like Jlama's {@code LlamaTokenizer} does (which matches Hugging Face for
 * SentencePiece-style BPE with byte fallback), but in O(n log n): Jlama rescans the whole text for every merge,
 * which takes seconds for a prompt of a few thousand tokens. Tokenizers this class does not mirror (byte-level
 * BPE with a pre-tokenizer sequence, legacy mode) are delegated to Jlama.
 */
final class BpeEncoder {

    private static final Comparator<Candidate> PRIORITY =
            Comparator.comparingLong(Candidate::rank).thenComparingInt(c -> c.left().position);

    private final Tokenizer jlama;
    private final TokenizerModel model;
    private final boolean mirrored;
    private final int byteOffset;

    BpeEncoder(Tokenizer jlama) {
        this.jlama = jlama;
        this.model = jlama.getModel();
        TokenizerModel.PreTokenizer pre = model.preTokenizer();
        boolean simplePre = pre == null || "Metaspace".equalsIgnoreCase(pre.type);
        this.mirrored = jlama instanceof LlamaTokenizer && simplePre && !(model.isLegacy() && !model.byteFallback);
        this.byteOffset = model.vocabLookup.getOrDefault("<0x00>", -1L).intValue();
    }

    /** Token ids of {@code text}, without a BOS token. */
    int[] encode(String text) {
        if (!mirrored) {
            return Arrays.stream(jlama.encode(text)).mapToInt(Math::toIntExact).toArray();
        }
        List<Integer> ids = new ArrayList<>();
        for (String piece : splitAddedTokens(text)) {
            Long added = model.addedTokens().get(piece);
            if (added != null) {
                ids.add(added.intValue());
            } else {
                mergePiece(normalize(piece), ids);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private List<String> splitAddedTokens(String text) {
        List<String> pieces = new ArrayList<>();
        if (model.addedTokenPattern() == null) {
            if (!text.isEmpty()) {
                pieces.add(text);
            }
            return pieces;
        }
        Matcher m = model.addedTokenPattern().matcher(text);
        int from = 0;
        while (m.find()) {
            if (m.start() > from) {
                pieces.add(text.substring(from, m.start()));
            }
            if (m.end() > m.start()) {
                pieces.add(m.group());
            }
            from = m.end();
        }
        if (from < text.length()) {
            pieces.add(text.substring(from));
        }
        return pieces;
    }

    private String normalize(String piece) {
        String s = piece;
        TokenizerModel.PreTokenizer pre = model.preTokenizer();
        if (pre != null) {
            if ("first".equalsIgnoreCase(pre.prependScheme)) {
                s = " " + s;
            }
            s = s.replaceAll("[ \t]+", pre.replacement);
        }
        return model.normalizer() == null ? s : model.normalizer().normalize(s);
    }

    private void mergePiece(String text, List<Integer> out) {
        List<Node> nodes = new ArrayList<>();
        text.codePoints().forEach(cp -> addInitialTokens(cp, nodes));
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).position = i;
            if (i > 0) {
                nodes.get(i - 1).next = nodes.get(i);
                nodes.get(i).prev = nodes.get(i - 1);
            }
        }
        PriorityQueue<Candidate> queue = new PriorityQueue<>(PRIORITY);
        for (int i = 0; i + 1 < nodes.size(); i++) {
            offer(queue, nodes.get(i), nodes.get(i + 1));
        }
        Node head = nodes.isEmpty() ? null : nodes.getFirst();
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            if (!c.left().alive || !c.right().alive || c.left().next != c.right()) {
                continue;
            }
            Node merged = new Node(c.mergedId(), c.left().text + c.right().text);
            merged.position = c.left().position;
            merged.prev = c.left().prev;
            merged.next = c.right().next;
            if (merged.prev != null) {
                merged.prev.next = merged;
            } else {
                head = merged;
            }
            if (merged.next != null) {
                merged.next.prev = merged;
            }
            c.left().alive = false;
            c.right().alive = false;
            offer(queue, merged.prev, merged);
            offer(queue, merged, merged.next);
        }
        for (Node n = head; n != null; n = n.next) {
            out.add(n.id);
        }
    }

    private void addInitialTokens(int codePoint, List<Node> nodes) {
        String c = Character.toString(codePoint);
        Long id = model.vocabLookup.get(c);
        if (id != null) {
            nodes.add(new Node(id.intValue(), c));
        } else if (model.byteFallback) {
            for (byte b : c.getBytes(StandardCharsets.UTF_8)) {
                int token = Byte.toUnsignedInt(b) + Math.max(byteOffset, 0);
                nodes.add(new Node(token, mergeText(token)));
            }
        } else if (model.unkToken != null && model.vocabLookup.containsKey(model.unkToken)) {
            nodes.add(new Node(model.vocabLookup.get(model.unkToken).intValue(), model.unkToken));
        }
    }

    /** The string Jlama uses for a token when looking up merges. */
    private String mergeText(int token) {
        if (model.byteFallback && byteOffset > 0 && token >= byteOffset && token < byteOffset + 256) {
            return Character.toString((char) (token - byteOffset));
        }
        String s = model.vocabLookup.inverse().get((long) token);
        return s == null ? model.unkToken : s;
    }

    private void offer(PriorityQueue<Candidate> queue, Node left, Node right) {
        if (left == null || right == null) {
            return;
        }
        Long rank = model.merges.get(left.text + " " + right.text);
        if (rank == null) {
            return;
        }
        Long merged = model.vocabLookup.get(left.text + right.text);
        if (merged != null) {
            queue.add(new Candidate(rank, left, right, merged.intValue()));
        }
    }

    private static final class Node {
        final int id;
        final String text;
        int position;
        Node prev;
        Node next;
        boolean alive = true;

        Node(int id, String text) {
            this.id = id;
            this.text = text;
        }
    }

    private record Candidate(long rank, Node left, Node right, int mergedId) {
    }
}
