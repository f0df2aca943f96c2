package io.civitas.audit.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.civitas.audit.checkpoint.SigningKeys;
import io.civitas.audit.verifier.checkpoint.Ed25519;

/** Publishes the Ed25519 public key that signs checkpoints and export bundles; auditors pin it. */
@Path("/audit/v1/public-key")
@PermitAll
public class PublicKeyResource {

    /** The key: id, algorithm, PEM. */
    public record PublicKeyResponse(String keyId, String algorithm, String publicKeyPem) {
    }

    private final SigningKeys keys;

    public PublicKeyResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PublicKeyResponse get() {
        return new PublicKeyResponse(keys.keyId(), Ed25519.ALGORITHM, Ed25519.toPem(keys.publicKey()));
    }
}
