package io.civitas.worker.engine;

/**
 * CDI event fired when the served model becomes usable or stops being usable.
 *
 * @param serving whether generation requests are accepted
 */
public record ModelStatusChanged(boolean serving) {
}
