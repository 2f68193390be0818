package io.parley.chat.stream;

/**
 * A generation job: the owner's tenant and id and the stream id (LibreChat's stream id is the
 * conversation id). Jobs are always addressed with their owner, so nobody can reach another
 * person's job by guessing or reusing its id.
 */
public record JobKey(String tenantId, String user, String streamId) {

    String redisName(String prefix) {
        return prefix + "job:{" + tenantId + ":" + user + "}:" + streamId;
    }

    String wire() {
        return tenantId + "\n" + user + "\n" + streamId;
    }

    static JobKey fromWire(String wire) {
        String[] parts = wire.split("\n", 3);
        return parts.length == 3 ? new JobKey(parts[0], parts[1], parts[2]) : null;
    }
}
