package io.civitas.gateway.error;

/** The model runs in a region where the tenant's data may not be processed. */
public final class RegionNotAllowedException extends GatewayException {

    public RegionNotAllowedException(String model, String region) {
        super("The model `" + model + "` is served in region `" + region
                + "`, where your organization's data may not be processed.");
    }
}
