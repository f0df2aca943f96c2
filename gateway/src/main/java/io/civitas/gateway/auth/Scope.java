package io.civitas.gateway.auth;

/** What an API key may do, as tenant-service names it in ResolveKeyResponse.scopes. */
public enum Scope {

    /** Chat and text completions. */
    INFERENCE("inference"),
    /** Embeddings. */
    EMBEDDINGS("embeddings");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    /** The name tenant-service uses. */
    public String wireName() {
        return wireName;
    }
}
