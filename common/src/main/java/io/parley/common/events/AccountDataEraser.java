package io.parley.common.events;

/**
 * Removes everything one service stores about a person when their account is deleted. Each service
 * that keeps personal data declares one as a bean; {@link AccountEvents} runs them all.
 *
 * <p>Must be idempotent: an event is handed over again after any failure (of this eraser, of
 * another one in the same process, or of the process itself before it acknowledged the event), and
 * a repeated account deletion publishes it again.
 */
public interface AccountDataEraser {

    /**
     * Deletes the person's data of this service, only in {@code tenantId}.
     *
     * @param userId the account's id as the access token's subject carries it
     * @throws RuntimeException when anything is left; the event is then handed over again later
     */
    void erase(String tenantId, String userId);
}
