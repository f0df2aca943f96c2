package io.civitas.billing.pricing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** Price books, their price versions and tenants' contract prices; append-only. */
@ApplicationScoped
public class PriceRepository {

    private static final String PRICE_COLUMNS = "model, valid_from, input_per_million, output_per_million,"
            + " cached_input_per_million";

    /** Creates a book. */
    public void createBook(Connection c, String id, String currency) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO price_book (id, currency) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, id);
            insert.setString(2, currency);
            if (insert.executeUpdate() == 0) {
                throw new PriceBookExistsException("price book " + id + " exists");
            }
        }
    }

    /** All books with their versions, by id. */
    public List<PriceBook> books(Connection c) throws SQLException {
        List<String[]> books = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT id, currency FROM price_book ORDER BY id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                books.add(new String[] { rows.getString(1), rows.getString(2) });
            }
        }
        List<PriceBook> result = new ArrayList<>(books.size());
        for (String[] book : books) {
            result.add(new PriceBook(book[0], book[1], bookPrices(c, book[0])));
        }
        return result;
    }

    /** The currency of a book, if it exists; locks the book row when {@code lock} is set. */
    public Optional<String> currency(Connection c, String bookId, boolean lock) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT currency FROM price_book WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            query.setString(1, bookId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Adds a version to a book; it must start after every existing version of the same model. */
    public PriceVersion addBookPrice(Connection c, String bookId, String model, LocalDate validFrom,
            TokenPrices prices) throws SQLException {
        if (currency(c, bookId, true).isEmpty()) {
            throw new PriceBookNotFoundException("no price book " + bookId);
        }
        return append(c, "model_price", "book_id", bookId, new PriceVersion(model, validFrom, prices,
                "book:" + bookId));
    }

    /** Adds a contract price version of a tenant; it must start after the tenant's existing ones for the model. */
    public PriceVersion addContractPrice(Connection c, String tenantId, String model, LocalDate validFrom,
            TokenPrices prices) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "tenant_price:" + tenantId);
            lock.execute();
        }
        return append(c, "tenant_price", "tenant_id", tenantId, new PriceVersion(model, validFrom, prices,
                "contract"));
    }

    /** All versions of a book, by model and valid_from. */
    public List<PriceVersion> bookPrices(Connection c, String bookId) throws SQLException {
        return versions(c, "model_price", "book_id", bookId, "book:" + bookId);
    }

    /** All contract versions of a tenant, by model and valid_from. */
    public List<PriceVersion> contractPrices(Connection c, String tenantId) throws SQLException {
        return versions(c, "tenant_price", "tenant_id", tenantId, "contract");
    }

    /** The prices that apply to a tenant priced with {@code bookId}; an unknown book has no prices. */
    public PriceList priceList(Connection c, String bookId, String tenantId) throws SQLException {
        return new PriceList(bookId, currency(c, bookId, false).orElse(""), bookPrices(c, bookId),
                contractPrices(c, tenantId));
    }

    private PriceVersion append(Connection c, String table, String ownerColumn, String owner, PriceVersion version)
            throws SQLException {
        try (PreparedStatement latest = c.prepareStatement("SELECT max(valid_from) FROM " + table + " WHERE "
                + ownerColumn + " = ? AND model = ?")) {
            latest.setString(1, owner);
            latest.setString(2, version.model());
            try (ResultSet rows = latest.executeQuery()) {
                rows.next();
                LocalDate last = rows.getObject(1, LocalDate.class);
                if (last != null && !version.validFrom().isAfter(last)) {
                    throw new PriceVersionConflictException("a price of " + version.model() + " is in force from "
                            + last + "; a new version must start after it");
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (" + ownerColumn + ", "
                + PRICE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, owner);
            insert.setString(2, version.model());
            insert.setObject(3, version.validFrom());
            insert.setBigDecimal(4, version.prices().inputPerMillion());
            insert.setBigDecimal(5, version.prices().outputPerMillion());
            insert.setBigDecimal(6, version.prices().cachedInputPerMillion());
            insert.executeUpdate();
        }
        return version;
    }

    private static List<PriceVersion> versions(Connection c, String table, String ownerColumn, String owner,
            String source) throws SQLException {
        List<PriceVersion> versions = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT " + PRICE_COLUMNS + " FROM " + table + " WHERE "
                + ownerColumn + " = ? ORDER BY model, valid_from")) {
            query.setString(1, owner);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.add(new PriceVersion(rows.getString(1), rows.getObject(2, LocalDate.class),
                            new TokenPrices(rows.getBigDecimal(3), rows.getBigDecimal(4), rows.getBigDecimal(5)),
                            source));
                }
            }
        }
        return versions;
    }
}
