package app.lockin.persistence.common;

import jakarta.persistence.AttributeConverter;

import java.util.Locale;

/**
 * Stores an enum as its constant name in lower case ({@code OWNER} &lt;-&gt; {@code 'owner'}): the
 * schema keeps enumerations as text with CHECK constraints on the spec's lowercase values, while
 * Java keeps its naming convention. One subclass per enum, referenced with {@code @Convert}.
 */
public abstract class LowercaseEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowercaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
    }
}
