package app.lockin.persistence.common;

import jakarta.persistence.AttributeConverter;

/**
 * Stores an enum as its {@link WireNames wire name} ({@code OWNER} &lt;-&gt; {@code 'owner'}): the
 * schema keeps enumerations as text with CHECK constraints on the spec's lowercase values.
 * One subclass per enum, referenced with {@code @Convert}.
 */
public abstract class LowercaseEnumConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowercaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return WireNames.of(value);
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return column == null ? null : WireNames.require(type, column);
    }
}
