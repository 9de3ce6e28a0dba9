package org.tailor.connector.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A value of the watermark timestamp column, kept in the Java type that binds back exactly as the
 * database compares it: a {@link LocalDateTime} for a timestamp without zone, an {@link OffsetDateTime}
 * for one with zone, a {@link LocalDate} for a date, a {@link Long} for an increasing integer.
 */
record TimeKey(Kind kind, Comparable<?> value) {

    enum Kind { LOCAL, OFFSET, DATE, NUMBER }

    /** How to read the column, decided from the result set's metadata and, where that is vague, by trying. */
    static Kind kindOf(ResultSet rows, int column) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        return switch (meta.getColumnType(column)) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.OFFSET;
            case Types.TIMESTAMP -> {
                // Some drivers report a zoned timestamp as TIMESTAMP and refuse to read it as a local one.
                try {
                    rows.getObject(column, LocalDateTime.class);
                    yield Kind.LOCAL;
                } catch (SQLException zoned) {
                    yield Kind.OFFSET;
                }
            }
            case Types.DATE -> Kind.DATE;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.NUMBER;
            default -> throw new ConfigurationException("watermark.timestamp.column " + meta.getColumnName(column)
                    + " has the SQL type " + meta.getColumnTypeName(column)
                    + "; use a TIMESTAMP, TIMESTAMP WITH TIME ZONE, DATE or integer column");
        };
    }

    static TimeKey read(ResultSet rows, int column, Kind kind) throws SQLException {
        Comparable<?> value = switch (kind) {
            case LOCAL -> rows.getObject(column, LocalDateTime.class);
            case OFFSET -> {
                // One offset for every value, so that equal instants are equal keys.
                OffsetDateTime offset = rows.getObject(column, OffsetDateTime.class);
                yield offset == null ? null : offset.withOffsetSameInstant(ZoneOffset.UTC);
            }
            case DATE -> rows.getObject(column, LocalDate.class);
            case NUMBER -> {
                long number = rows.getLong(column);
                yield rows.wasNull() ? null : number;
            }
        };
        if (value == null) {
            throw new SQLException("the watermark timestamp column is NULL in a row the query excluded NULLs from");
        }
        return new TimeKey(kind, value);
    }

    void bind(PreparedStatement statement, int index) throws SQLException {
        if (kind == Kind.NUMBER) {
            statement.setLong(index, (Long) value);
        } else {
            statement.setObject(index, value);
        }
    }

    /** The instant this value stands for, reading a local timestamp in the given zone; empty for a number. */
    Optional<Instant> instant(ZoneId zone) {
        return switch (kind) {
            case LOCAL -> Optional.of(((LocalDateTime) value).atZone(zone).toInstant());
            case OFFSET -> Optional.of(((OffsetDateTime) value).toInstant());
            case DATE -> Optional.of(((LocalDate) value).atStartOfDay(zone).toInstant());
            case NUMBER -> Optional.empty();
        };
    }

    /** This value moved back by the overlap; a date moves back by whole days, rounded up. */
    TimeKey minus(Duration overlap) {
        return switch (kind) {
            case LOCAL -> new TimeKey(kind, ((LocalDateTime) value).minus(overlap));
            case OFFSET -> new TimeKey(kind, ((OffsetDateTime) value).minus(overlap));
            case DATE -> new TimeKey(kind, ((LocalDate) value).minusDays((overlap.toSeconds() + 86_399) / 86_400));
            case NUMBER -> throw new ConfigurationException("overlap.seconds needs a time column, but the watermark"
                    + " timestamp column holds integers; set overlap.seconds=0");
        };
    }

    /** Whether this value is earlier than the other, which has the same kind. */
    boolean isBefore(TimeKey other) {
        return switch (kind) {
            case LOCAL -> ((LocalDateTime) value).isBefore((LocalDateTime) other.value);
            case OFFSET -> ((OffsetDateTime) value).isBefore((OffsetDateTime) other.value);
            case DATE -> ((LocalDate) value).isBefore((LocalDate) other.value);
            case NUMBER -> (Long) value < (Long) other.value;
        };
    }

    String encode() {
        return kind.name() + ";" + value;
    }

    static TimeKey decode(String kindText, String valueText) {
        Kind kind = Kind.valueOf(kindText);
        Comparable<?> value = switch (kind) {
            case LOCAL -> LocalDateTime.parse(valueText);
            case OFFSET -> OffsetDateTime.parse(valueText).withOffsetSameInstant(ZoneOffset.UTC);
            case DATE -> LocalDate.parse(valueText);
            case NUMBER -> Long.valueOf(valueText);
        };
        return new TimeKey(kind, value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
