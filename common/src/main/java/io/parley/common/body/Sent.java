package io.parley.common.body;

import java.util.Set;

/**
 * A request body read into its record, with the fields the body named. The record alone cannot tell a
 * field left out from one sent as null; where null means "clear it", {@link #named} can.
 *
 * @param value  the body, checked
 * @param fields the record's fields the body holds, those sent as null included
 */
public record Sent<T>(T value, Set<String> fields) {

    public boolean named(String field) {
        return fields.contains(field);
    }
}
