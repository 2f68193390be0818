package io.parley.auth.favorites;

import io.parley.auth.user.Favorite;
import io.parley.common.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * LibreChat's checks of a favorites update ({@code api/server/controllers/FavoritesController.js}), in
 * its order and with its messages, so that the client shows the same errors. Read from the raw JSON
 * rather than a bound record because the messages tell a missing list from one of the wrong type.
 */
final class FavoriteRules {

    static final int MAX_FAVORITES = 50;
    static final int MAX_STRING_LENGTH = 256;

    private FavoriteRules() {
    }

    /** More favorites than LibreChat allows; answered in its own shape (see {@code FavoritesController}). */
    static final class TooManyFavorites extends RuntimeException {
        TooManyFavorites() {
            super("Maximum " + MAX_FAVORITES + " favorites allowed", null, false, false);
        }
    }

    /**
     * The favorites of a {@code {favorites:[…]}} body, each reduced to the fields of its kind (other
     * keys are dropped, as LibreChat's schema drops them).
     *
     * @throws ApiException.Invalid naming the first problem
     * @throws TooManyFavorites     for more than {@link #MAX_FAVORITES}
     */
    static List<Favorite> read(@Nullable JsonNode body) {
        JsonNode favorites = body == null ? null : body.get("favorites");
        if (falsy(favorites)) {
            throw new ApiException.Invalid("Favorites data is required");
        }
        if (!favorites.isArray()) {
            throw new ApiException.Invalid("Favorites must be an array");
        }
        if (favorites.size() > MAX_FAVORITES) {
            throw new TooManyFavorites();
        }
        List<Favorite> read = new ArrayList<>(favorites.size());
        for (JsonNode item : favorites.values()) {
            read.add(one(item));
        }
        return read;
    }

    private static Favorite one(JsonNode item) {
        if (!item.isObject()) {
            throw noKind();
        }
        String agentId = string(item, "agentId");
        String model = string(item, "model");
        String endpoint = string(item, "endpoint");
        String spec = spec(item);
        boolean hasAgent = present(agentId);
        boolean hasModel = present(model) && present(endpoint);
        boolean hasSpec = present(spec);
        if (!hasModel && (present(model) || present(endpoint)) && !hasAgent && !hasSpec) {
            throw new ApiException.Invalid("model and endpoint must be provided together");
        }
        int kinds = (hasAgent ? 1 : 0) + (hasModel ? 1 : 0) + (hasSpec ? 1 : 0);
        if (kinds == 0) {
            throw noKind();
        }
        if (kinds > 1) {
            throw new ApiException.Invalid("Favorite cannot have multiple types (agentId, model/endpoint, or spec)");
        }
        if (hasSpec && (present(agentId) || present(model) || present(endpoint))) {
            throw new ApiException.Invalid("spec cannot be combined with agentId, model, or endpoint");
        }
        if (hasAgent && (present(model) || present(endpoint))) {
            throw new ApiException.Invalid("agentId cannot be combined with model or endpoint");
        }
        if (hasAgent) {
            return new Favorite(agentId, null, null, null);
        }
        return hasSpec ? new Favorite(null, null, null, spec) : new Favorite(null, model, endpoint, null);
    }

    /** A string field, or null when absent or null; any other type is refused (LibreChat would store it cast). */
    private static @Nullable String string(JsonNode item, String field) {
        JsonNode value = item.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new ApiException.Invalid(field + " must be a string");
        }
        return withinLength(field, value.stringValue());
    }

    private static @Nullable String spec(JsonNode item) {
        JsonNode value = item.get("spec");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.stringValue().isEmpty()) {
            throw new ApiException.Invalid("spec must be a non-empty string");
        }
        return withinLength("spec", value.stringValue());
    }

    private static String withinLength(String field, String value) {
        if (value.length() > MAX_STRING_LENGTH) {
            throw new ApiException.Invalid(field + " exceeds maximum length of " + MAX_STRING_LENGTH);
        }
        return value;
    }

    private static ApiException noKind() {
        return new ApiException.Invalid("Each favorite must have either agentId, model+endpoint, or spec");
    }

    /** An empty string counts as absent, as in LibreChat's truthiness checks. */
    private static boolean present(@Nullable String value) {
        return value != null && !value.isEmpty();
    }

    /** JavaScript's falsiness, which LibreChat's {@code if (!favorites)} applies to the list. */
    private static boolean falsy(@Nullable JsonNode value) {
        return value == null || value.isNull()
                || value.isBoolean() && !value.booleanValue()
                || value.isNumber() && value.doubleValue() == 0
                || value.isString() && value.stringValue().isEmpty();
    }
}
