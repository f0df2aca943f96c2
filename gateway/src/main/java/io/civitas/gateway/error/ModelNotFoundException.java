package io.civitas.gateway.error;

/** The model does not exist or the key may not use it (OpenAI answers both alike). */
public final class ModelNotFoundException extends GatewayException {

    public ModelNotFoundException(String model) {
        super("The model `" + model + "` does not exist or you do not have access to it.");
    }
}
