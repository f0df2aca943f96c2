package io.civitas.gateway.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.civitas.gateway.fakes.UpstreamServersResource;
import io.civitas.testsupport.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(UpstreamServersResource.class)
class OpenApiDocumentTest {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

    @Inject
    Router router;

    @Test
    void shouldServeTheDocumentWithoutAuthentication() throws IOException {
        // When
        Response response = given().get(Routes.OPENAPI);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/yaml");
        JsonNode document = yaml(response.asByteArray());
        assertThat(document.path("openapi").asText()).startsWith("3.1");
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void shouldDescribeExactlyTheRoutesTheGatewayRegistersUnderV1() throws IOException {
        // Given
        JsonNode document = yaml(given().get(Routes.OPENAPI).asByteArray());

        // When
        Set<String> registered = router.getRoutes().stream()
                .filter(route -> route.getPath() != null && route.getPath().startsWith("/v1/"))
                .filter(route -> route.methods() != null && !route.methods().isEmpty())
                .flatMap(route -> operations(route).stream())
                .collect(Collectors.toSet());

        // Then
        assertThat(registered).isNotEmpty().isEqualTo(documented(document));
    }

    @Test
    void shouldDocumentTheErrorsOfEveryModelEndpoint() throws IOException {
        // Given
        JsonNode paths = yaml(given().get(Routes.OPENAPI).asByteArray()).path("paths");

        // When
        Set<String> undocumented = new HashSet<>();
        for (String path : Set.of(Routes.CHAT_COMPLETIONS, Routes.COMPLETIONS, Routes.EMBEDDINGS)) {
            for (String status : List.of("400", "401", "403", "404", "413", "422", "429", "503")) {
                if (!paths.path(path).path("post").path("responses").has(status)) {
                    undocumented.add(path + " " + status);
                }
            }
        }

        // Then
        assertThat(undocumented).isEmpty();
        assertThat(paths.at("/" + Routes.MODELS.replace("/", "~1") + "/get/responses").has("401")).isTrue();
    }

    private static Set<String> operations(Route route) {
        return route.methods().stream()
                .map(method -> method.name().toLowerCase(Locale.ROOT) + " " + route.getPath())
                .collect(Collectors.toSet());
    }

    private static Set<String> documented(JsonNode document) {
        Set<String> operations = new HashSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (OPERATIONS.contains(method)) {
                operations.add(method + " " + path.getKey());
            }
        }));
        return operations;
    }

    private static JsonNode yaml(byte[] bytes) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(bytes);
    }
}
