package io.civitas.billing.pricing;

/** The classes of tokens priced apart. */
public enum TokenClass {
    /** Prompt tokens not served from a cache. */
    INPUT,
    /** Prompt tokens served from the engine's prefix cache. */
    CACHED_INPUT,
    /** Generated tokens. */
    OUTPUT
}
