package org.tailor.connector.jdbc.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.regex.Pattern;

/**
 * A value of the watermark id column, kept so that it binds back with the column's own type: numbers
 * as numbers, text as text, and anything else (a PostgreSQL {@code uuid}) as text cast to the column's
 * type with standard SQL {@code CAST}, the type name checked like any other identifier.
 *
 * @param castType the SQL type to cast a bound text to, or blank
 */
record IdKey(Kind kind, String castType, Object value) {

    enum Kind { LONG, DECIMAL, STRING, CAST }

    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    static IdKey.Kind kindOf(ResultSetMetaData meta, int column) throws SQLException {
        return switch (meta.getColumnType(column)) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.LONG;
            case Types.NUMERIC, Types.DECIMAL -> Kind.DECIMAL;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR -> Kind.STRING;
            default -> TYPE_NAME.matcher(meta.getColumnTypeName(column)).matches() ? Kind.CAST : Kind.STRING;
        };
    }

    static IdKey read(ResultSet rows, int column, Kind kind) throws SQLException {
        Object value = switch (kind) {
            case LONG -> {
                long number = rows.getLong(column);
                yield rows.wasNull() ? null : number;
            }
            case DECIMAL -> rows.getBigDecimal(column);
            case STRING, CAST -> rows.getString(column);
        };
        if (value == null) {
            throw new SQLException("the watermark id column is NULL in a row the query excluded NULLs from");
        }
        String castType = kind == Kind.CAST ? rows.getMetaData().getColumnTypeName(column) : "";
        return new IdKey(kind, castType, value);
    }

    /** The placeholder for this value in SQL. */
    String placeholder() {
        return kind == Kind.CAST ? "CAST(? AS " + castType + ")" : "?";
    }

    void bind(PreparedStatement statement, int index) throws SQLException {
        switch (kind) {
            case LONG -> statement.setLong(index, (Long) value);
            case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
            case STRING, CAST -> statement.setString(index, (String) value);
        }
    }

    String encode() {
        return kind.name() + ";" + castType + ";" + value;
    }

    static IdKey decode(String kindText, String castType, String valueText) {
        Kind kind = Kind.valueOf(kindText);
        if (kind == Kind.CAST && !TYPE_NAME.matcher(castType).matches()) {
            throw new IllegalArgumentException("not a type name: " + castType);
        }
        Object value = switch (kind) {
            case LONG -> Long.valueOf(valueText);
            case DECIMAL -> new BigDecimal(valueText);
            case STRING, CAST -> valueText;
        };
        return new IdKey(kind, kind == Kind.CAST ? castType : "", value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
