package org.tailor.connector.jdbc.internal;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Reads column values as the typed values ingest understands: whole numbers as {@link Long}, other
 * numbers as {@link java.math.BigDecimal} (exact, unlike double), booleans, dates as {@link LocalDate},
 * timestamps as {@link java.time.Instant}, everything else as text.
 *
 * <p>A value the driver cannot convert (a NaN in a decimal, an impossible date) is passed on as the
 * driver's text for it, so that ingest rejects that one record with a reason instead of the poll
 * stopping on it.
 */
final class ColumnValues {

    private enum Kind { WHOLE, DECIMAL, BOOLEAN, DATE, TIMESTAMP, TIMESTAMP_ZONED, TEXT }

    private final Kind[] kinds;
    private final ZoneId zone;

    /** Decides how to read each column of the result set, by its SQL type. */
    ColumnValues(ResultSetMetaData meta, ZoneId zone) throws SQLException {
        this.zone = zone;
        this.kinds = new Kind[meta.getColumnCount() + 1];
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            kinds[column] = switch (meta.getColumnType(column)) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.WHOLE;
                case Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.DECIMAL;
                case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
                case Types.DATE -> Kind.DATE;
                case Types.TIMESTAMP -> Kind.TIMESTAMP;
                case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP_ZONED;
                default -> Kind.TEXT;
            };
        }
    }

    /** The value of the column in the current row, or null. */
    Object read(ResultSet rows, int column) throws SQLException {
        if (kinds[column] == Kind.TEXT) {
            return rows.getString(column);
        }
        try {
            return typed(rows, column);
        } catch (SQLException | RuntimeException unconvertible) {
            return rows.getString(column);
        }
    }

    private Object typed(ResultSet rows, int column) throws SQLException {
        Object value = switch (kinds[column]) {
            case WHOLE -> rows.getLong(column);
            case DECIMAL -> rows.getBigDecimal(column);
            case BOOLEAN -> rows.getBoolean(column);
            case DATE -> rows.getObject(column, LocalDate.class);
            case TIMESTAMP -> timestamp(rows, column);
            case TIMESTAMP_ZONED -> instant(rows.getObject(column, OffsetDateTime.class));
            case TEXT -> rows.getString(column);
        };
        return rows.wasNull() ? null : value;
    }

    private Object timestamp(ResultSet rows, int column) throws SQLException {
        try {
            LocalDateTime local = rows.getObject(column, LocalDateTime.class);
            return local == null ? null : local.atZone(zone).toInstant();
        } catch (SQLException zoned) {
            // Some drivers report a zoned timestamp as plain TIMESTAMP and only read it as an offset date-time.
            kinds[column] = Kind.TIMESTAMP_ZONED;
            return instant(rows.getObject(column, OffsetDateTime.class));
        }
    }

    private static Object instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
