package io.parley.chat.support;

import io.parley.common.error.ApiException;
import java.util.regex.Pattern;

/** LibreChat's ids: conversations and messages are UUID strings; a root message's parent is {@link #NO_PARENT}. */
public final class Ids {

    public static final String NO_PARENT = "00000000-0000-0000-0000-000000000000";
    /** The client's id of a conversation not saved yet. */
    public static final String NEW_CONVO = "new";

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }

    /** @throws ApiException.Invalid naming the field when {@code value} is not a UUID */
    public static String requireUuid(String field, String value) {
        if (!isUuid(value)) {
            throw ApiException.Invalid.field(field, "must be a UUID");
        }
        return value.toLowerCase();
    }

    public static String newId() {
        return java.util.UUID.randomUUID().toString();
    }
}
