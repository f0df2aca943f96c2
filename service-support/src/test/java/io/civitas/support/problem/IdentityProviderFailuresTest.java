package io.civitas.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import io.quarkus.oidc.OIDCException;
import io.quarkus.oidc.common.runtime.OidcEndpointAccessException;
import io.quarkus.security.AuthenticationFailedException;

class IdentityProviderFailuresTest {

    @Test
    void shouldTellARefusedConnectionBehindTheAuthenticationFailure() {
        // Given
        var failure = new AuthenticationFailedException(
                new OIDCException("OIDC Server is not available", new ConnectException("Connection refused")));

        // When
        boolean unreachable = IdentityProviderFailures.isUnreachable(failure);

        // Then
        assertThat(unreachable).isTrue();
    }

    @Test
    void shouldTellAnUnknownHost() {
        // Given
        var failure = new OIDCException(new UnknownHostException("keycloak.invalid"));

        // When
        boolean unreachable = IdentityProviderFailures.isUnreachable(failure);

        // Then
        assertThat(unreachable).isTrue();
    }

    @Test
    void shouldTellAResetConnection() {
        // Given
        var failure = new AuthenticationFailedException(new SocketException("Connection reset"));

        // When
        boolean unreachable = IdentityProviderFailures.isUnreachable(failure);

        // Then
        assertThat(unreachable).isTrue();
    }

    @Test
    void shouldTellAServerErrorSeenByTheResponseFilter() {
        // Given
        var failure = new AuthenticationFailedException(new IdentityProviderUnavailableException(502));

        // When
        boolean unreachable = IdentityProviderFailures.isUnreachable(failure);

        // Then
        assertThat(unreachable).isTrue();
    }

    @Test
    void shouldTellAServerErrorOfTheIdentityProvider() {
        // Given
        var failure = new AuthenticationFailedException(new OidcEndpointAccessException(503));

        // When
        boolean unreachable = IdentityProviderFailures.isUnreachable(failure);

        // Then
        assertThat(unreachable).isTrue();
    }

    @Test
    void shouldNotTakeARefusedRequestOfTheIdentityProviderForAnOutage() {
        // Given
        var failure = new AuthenticationFailedException(new OidcEndpointAccessException(404));

        // When
        boolean unreachable = IdentityProviderFailures.isUnreachable(failure);

        // Then
        assertThat(unreachable).isFalse();
    }

    @Test
    void shouldNotTakeAnErrorAnswerOfTheIntrospectionForAnOutage() {
        // Given
        var failure = new AuthenticationFailedException(new OIDCException("Error status:401"));

        // When
        boolean unreachable = IdentityProviderFailures.isUnreachable(failure);

        // Then
        assertThat(unreachable).isFalse();
    }

    @Test
    void shouldNotTakeABadTokenForAnOutage() {
        // Given
        var failure = new AuthenticationFailedException(new IllegalArgumentException("JWT signature is invalid"));

        // When
        boolean unreachable = IdentityProviderFailures.isUnreachable(failure);

        // Then
        assertThat(unreachable).isFalse();
    }

    @Test
    void shouldStopAtACycleOfCauses() {
        // Given
        var outer = new RuntimeException("outer");
        var inner = new RuntimeException("inner", outer);
        outer.initCause(inner);

        // When
        boolean unreachable = IdentityProviderFailures.isUnreachable(outer);

        // Then
        assertThat(unreachable).isFalse();
    }
}
