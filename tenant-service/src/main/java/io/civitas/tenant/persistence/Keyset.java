package io.civitas.tenant.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.civitas.tenant.domain.Page;
import io.civitas.tenant.domain.PageCursor;
import io.civitas.tenant.domain.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;

/**
 * Keyset pagination over rows ordered by {@code createdAt desc, id desc}.
 */
final class Keyset {

    /** Query condition for rows after the cursor; parameters {@code :afterAt} and {@code :afterId}. */
    static final String AFTER = "(createdAt < :afterAt or (createdAt = :afterAt and str(id) < :afterId))";

    private Keyset() {
    }

    /** Reads one page; asks for one row more than the limit to know whether there is a next page. */
    static <E, T> Page<T> page(PanacheQuery<E> query, PageRequest request, Function<E, T> mapper,
            Function<T, Instant> createdAt, Function<T, String> id) {
        List<E> rows = query.range(0, request.limit()).list();
        List<T> items = new ArrayList<>(rows.stream().limit(request.limit()).map(mapper).toList());
        PageCursor next = null;
        if (rows.size() > request.limit()) {
            T last = items.getLast();
            next = new PageCursor(createdAt.apply(last), id.apply(last));
        }
        return new Page<>(items, next);
    }
}
