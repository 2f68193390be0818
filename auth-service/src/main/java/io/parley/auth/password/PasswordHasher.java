package io.parley.auth.password;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id for every new hash. bcrypt hashes (LibreChat's, for users imported from it) are still
 * accepted and replaced by Argon2id at the next successful login.
 */
@Component
public class PasswordHasher {

    private final Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(12);
    /** Verified against when the user does not exist, so that timing does not tell. */
    private final String decoy = argon2.encode("decoy-password-for-constant-time");

    public String hash(String password) {
        return argon2.encode(password);
    }

    /** @param hash the stored hash, or null for an unknown user (then the answer is false after a full check) */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            argon2.matches(password, decoy);
            return false;
        }
        return isBcrypt(hash) ? bcrypt.matches(password, hash) : argon2.matches(password, hash);
    }

    public boolean needsUpgrade(String hash) {
        return isBcrypt(hash);
    }

    private static boolean isBcrypt(String hash) {
        return hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$");
    }
}
