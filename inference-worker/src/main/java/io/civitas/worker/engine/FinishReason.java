package io.civitas.worker.engine;

/** Why a completion ended. */
public enum FinishReason {
    /** End-of-sequence token or a stop string. */
    STOP,
    /** max_tokens or the usable context was reached. */
    LENGTH,
    /** The model called tools. */
    TOOL_CALLS,
    /** The engine filtered the content. */
    CONTENT_FILTER
}
