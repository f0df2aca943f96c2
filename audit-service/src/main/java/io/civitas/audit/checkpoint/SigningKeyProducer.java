package io.civitas.audit.checkpoint;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.civitas.audit.config.AuditConfig;
import io.quarkus.runtime.Startup;

/** Loads the signing key at start, so a missing key stops the service before it serves anything. */
@ApplicationScoped
public class SigningKeyProducer {

    private static final Logger LOGGER = Logger.getLogger(SigningKeyProducer.class);

    @Produces
    @Singleton
    @Startup
    SigningKeys signingKeys(AuditConfig config) {
        SigningKeys keys = SigningKeys.load(config.signing());
        if (config.signing().privateKeyFile().isEmpty()) {
            LOGGER.warnf("Signing with a throwaway Ed25519 key %s: checkpoints will not verify after a restart; "
                    + "set civitas.audit.signing.private-key-file", keys.keyId());
        } else {
            LOGGER.infof("Signing checkpoints with Ed25519 key %s", keys.keyId());
        }
        return keys;
    }
}
