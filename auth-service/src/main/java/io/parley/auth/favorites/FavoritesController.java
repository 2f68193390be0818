package io.parley.auth.favorites;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.auth.favorites.FavoriteRules.TooManyFavorites;
import io.parley.auth.user.Favorite;
import io.parley.auth.user.User;
import io.parley.auth.user.Users;
import io.parley.common.error.ApiException;
import io.parley.common.request.RequestIdFilter;
import io.parley.common.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * LibreChat's {@code GET|POST /api/user/settings/favorites}: the caller's own favorites, read and
 * replaced as a whole (tenant and person from the token). Both answer the list itself.
 */
@RestController
class FavoritesController {

    private final Users users;

    FavoritesController(Users users) {
        this.users = users;
    }

    @GetMapping("/api/user/settings/favorites")
    List<Favorite> favorites(CurrentUser caller) {
        return users.byId(caller.tenantId(), caller.id()).map(FavoritesController::favoritesOf)
                .orElseThrow(FavoritesController::userNotFound);
    }

    /** A refused list changes nothing: it is checked whole before the one write. */
    @PostMapping("/api/user/settings/favorites")
    List<Favorite> replace(CurrentUser caller, @RequestBody(required = false) @Nullable JsonNode body) {
        List<Favorite> favorites = FavoriteRules.read(body);
        return users.replaceFavorites(caller.tenantId(), caller.id(), favorites).map(FavoritesController::favoritesOf)
                .orElseThrow(FavoritesController::userNotFound);
    }

    /**
     * LibreChat's answer to too many favorites carries {@code code} and {@code limit}, which its client
     * reads to say "at most 50" instead of a generic error; the usual error fields come along.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record LimitBody(String error, String message, String code, int limit, String requestId) {
    }

    @ExceptionHandler(TooManyFavorites.class)
    ResponseEntity<LimitBody> tooMany(TooManyFavorites e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
                .body(new LimitBody("invalid_request", e.getMessage(), "MAX_FAVORITES_EXCEEDED",
                        FavoriteRules.MAX_FAVORITES, RequestIdFilter.current(request)));
    }

    private static List<Favorite> favoritesOf(User user) {
        return user.favorites() == null ? List.of() : user.favorites();
    }

    /** LibreChat's answer when the token's user is gone. */
    private static ApiException userNotFound() {
        return new ApiException.NotFound("User not found");
    }
}
