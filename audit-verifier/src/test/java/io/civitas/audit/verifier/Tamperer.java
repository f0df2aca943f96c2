package io.civitas.audit.verifier;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.audit.verifier.bundle.Json;
import io.civitas.audit.verifier.checkpoint.Ed25519;

/** Random tampering with a bundle, the way someone rewriting an export would. */
public final class Tamperer {

    /** The kinds of tampering. */
    public enum Kind {
        EDIT_FIELD, DELETE_LINE, REORDER, INSERT, TRUNCATE, DROP_CHECKPOINT, ALTER_CHECKPOINT, SWAP_SIGNATURE,
        RESIGN_WITH_OTHER_KEY
    }

    /** A tampered bundle and what was done. */
    public record Tampered(Kind kind, byte[] bundle, String description) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Random random;
    private final PrivateKey attackerKey = MemoryLog.generateKeys().getPrivate();

    public Tamperer(long seed) {
        this.random = new Random(seed);
    }

    /** Applies one random tampering of the given kind; the result always differs from the original. */
    public Tampered tamper(byte[] bundle, Kind kind) {
        List<String> lines = lines(bundle);
        return switch (kind) {
            case EDIT_FIELD -> editField(lines);
            case DELETE_LINE -> {
                int i = random.nextInt(lines.size());
                String removed = lines.remove(i);
                yield new Tampered(kind, join(lines), "deleted line " + (i + 1) + " " + record(removed));
            }
            case REORDER -> reorder(lines);
            case INSERT -> {
                int from = random.nextInt(lines.size());
                int to = random.nextInt(lines.size() + 1);
                lines.add(to, lines.get(from));
                yield new Tampered(kind, join(lines), "copied line " + (from + 1) + " to " + (to + 1));
            }
            case TRUNCATE -> {
                int cut = random.nextInt(bundle.length - 1) + 1;
                byte[] truncated = new byte[cut];
                System.arraycopy(bundle, 0, truncated, 0, cut);
                yield new Tampered(kind, truncated, "truncated to " + cut + " of " + bundle.length + " bytes");
            }
            case DROP_CHECKPOINT -> {
                List<Integer> checkpoints = indexesOf(lines, "checkpoint");
                int i = checkpoints.get(random.nextInt(checkpoints.size()));
                lines.remove(i);
                yield new Tampered(kind, join(lines), "dropped checkpoint line " + (i + 1));
            }
            case ALTER_CHECKPOINT -> alterCheckpoint(lines);
            case SWAP_SIGNATURE -> swapSignature(lines);
            case RESIGN_WITH_OTHER_KEY -> resign(lines);
        };
    }

    private Tampered editField(List<String> lines) {
        int i = random.nextInt(lines.size());
        Map<String, Object> record = parse(lines.get(i));
        List<String> path = new ArrayList<>();
        Object changed = change(record, path);
        lines.set(i, new String(Json.canonical(changed), StandardCharsets.UTF_8));
        return new Tampered(Kind.EDIT_FIELD, join(lines), "edited " + String.join(".", path) + " of line " + (i + 1)
                + " " + record(lines.get(i)));
    }

    @SuppressWarnings("unchecked")
    private Object change(Object value, List<String> path) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            Map<String, Object> copy = new java.util.TreeMap<>((Map<String, Object>) map);
            List<String> keys = new ArrayList<>(copy.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            path.add(key);
            copy.put(key, change(copy.get(key), path));
            return copy;
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<Object> copy = new ArrayList<>(list);
            int i = random.nextInt(copy.size());
            path.add("[" + i + "]");
            copy.set(i, change(copy.get(i), path));
            return copy;
        }
        if (value instanceof Number number) {
            return number.longValue() + 1 + random.nextInt(3);
        }
        if (value instanceof String text && !text.isEmpty()) {
            char[] chars = text.toCharArray();
            int at = random.nextInt(chars.length);
            chars[at] = chars[at] == 'a' ? 'b' : 'a';
            return new String(chars);
        }
        if (value instanceof Boolean flag) {
            return !flag;
        }
        return "x";
    }

    private Tampered reorder(List<String> lines) {
        int a;
        int b;
        do {
            a = random.nextInt(lines.size());
            b = random.nextInt(lines.size());
        } while (lines.get(a).equals(lines.get(b)));
        Collections.swap(lines, a, b);
        return new Tampered(Kind.REORDER, join(lines), "swapped lines " + (a + 1) + " and " + (b + 1));
    }

    private Tampered alterCheckpoint(List<String> lines) {
        List<Integer> checkpoints = indexesOf(lines, "checkpoint");
        int i = checkpoints.get(random.nextInt(checkpoints.size()));
        Map<String, Object> record = parse(lines.get(i));
        List<String> path = new ArrayList<>(List.of("checkpoint"));
        record.put("checkpoint", change(record.get("checkpoint"), path));
        lines.set(i, new String(Json.canonical(record), StandardCharsets.UTF_8));
        return new Tampered(Kind.ALTER_CHECKPOINT, join(lines), "altered " + String.join(".", path) + " on line "
                + (i + 1));
    }

    private Tampered swapSignature(List<String> lines) {
        List<Integer> signed = indexesOf(lines, "checkpoint");
        signed.addAll(indexesOf(lines, "end"));
        int a = signed.get(random.nextInt(signed.size()));
        int b;
        do {
            b = signed.get(random.nextInt(signed.size()));
        } while (b == a && signed.size() > 1);
        Map<String, Object> first = parse(lines.get(a));
        Map<String, Object> second = parse(lines.get(b));
        Object signature = first.get("signature");
        if (a == b || signature.equals(second.get("signature"))) {
            byte[] bytes = Base64.getDecoder().decode((String) signature);
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            first.put("signature", Base64.getEncoder().encodeToString(bytes));
        } else {
            first.put("signature", second.get("signature"));
            second.put("signature", signature);
            lines.set(b, new String(Json.canonical(second), StandardCharsets.UTF_8));
        }
        lines.set(a, new String(Json.canonical(first), StandardCharsets.UTF_8));
        return new Tampered(Kind.SWAP_SIGNATURE, join(lines), "swapped signatures of lines " + (a + 1) + " and "
                + (b + 1));
    }

    /** Replaces a checkpoint's signature by a valid one of another key: only a pinned key catches this. */
    private Tampered resign(List<String> lines) {
        List<Integer> checkpoints = indexesOf(lines, "checkpoint");
        int i = checkpoints.get(random.nextInt(checkpoints.size()));
        Map<String, Object> record = parse(lines.get(i));
        byte[] body = Json.canonical(record.get("checkpoint"));
        record.put("signature", Base64.getEncoder().encodeToString(Ed25519.sign(attackerKey, body)));
        lines.set(i, new String(Json.canonical(record), StandardCharsets.UTF_8));
        return new Tampered(Kind.RESIGN_WITH_OTHER_KEY, join(lines), "re-signed checkpoint line " + (i + 1));
    }

    private static List<Integer> indexesOf(List<String> lines, String type) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (type.equals(record(lines.get(i)))) {
                found.add(i);
            }
        }
        return found;
    }

    private static String record(String line) {
        return (String) parse(line).get("record");
    }

    private static Map<String, Object> parse(String line) {
        try {
            return new java.util.TreeMap<>(MAPPER.readValue(line, MAP));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The bundle's lines, without newlines. */
    public static List<String> lines(byte[] bundle) {
        String text = new String(bundle, StandardCharsets.UTF_8);
        return new ArrayList<>(List.of(text.substring(0, text.length() - 1).split("\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
