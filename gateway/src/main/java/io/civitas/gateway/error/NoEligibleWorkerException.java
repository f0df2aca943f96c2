package io.civitas.gateway.error;

/**
 * No live, non-draining worker serves the model in a region where the tenant's data may be processed. The gateway
 * fails closed: it never falls back to a worker in another region.
 */
public final class NoEligibleWorkerException extends GatewayException {

    public NoEligibleWorkerException(String model) {
        super("No worker serves the model `" + model + "` in your organization's allowed regions at the moment; "
                + "requests are never sent to other regions. Retry later or ask your administrator.");
    }
}
