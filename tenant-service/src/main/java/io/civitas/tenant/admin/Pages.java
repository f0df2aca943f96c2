package io.civitas.tenant.admin;

import java.util.function.Function;

import io.civitas.tenant.domain.Page;
import io.civitas.tenant.domain.PageCursor;
import io.civitas.tenant.domain.PageRequest;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Paged lists: the body is a JSON array of one page; a {@code Link: <...>; rel="next"} header points to the next
 * page when there is one ({@code ?limit=&cursor=}).
 */
final class Pages {

    private Pages() {
    }

    static PageRequest request(Integer limit, String cursor) {
        return new PageRequest(limit == null ? PageRequest.DEFAULT_LIMIT : limit, PageCursor.decode(cursor));
    }

    static <T, R> Response response(Page<T> page, Function<T, R> mapper, UriInfo uriInfo) {
        Response.ResponseBuilder response = Response.ok(page.items().stream().map(mapper).toList());
        if (page.next() != null) {
            response.links(Link.fromUriBuilder(uriInfo.getRequestUriBuilder()
                    .replaceQueryParam("cursor", page.next().encode())).rel("next").build());
        }
        return response.build();
    }
}
