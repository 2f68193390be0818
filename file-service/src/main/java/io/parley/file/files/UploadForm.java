package io.parley.file.files;

/**
 * LibreChat's multipart fields besides the file itself ({@code api/server/routes/files/files.js}).
 *
 * @param fileId       the client's temporary id (a UUID); echoed as {@code temp_file_id}
 * @param endpoint     whose {@code fileConfig} limits apply
 * @param toolResource an agent tool resource ({@code file_search}, {@code execute_code}, {@code context}, …)
 * @param agentId      the agent the file is for
 * @param messageFile  {@code "true"} for a chat attachment
 */
record UploadForm(String fileId, String endpoint, String toolResource, String agentId, String messageFile) {

    /** A chat attachment: kept only once a message uses it. */
    boolean temporary() {
        return "true".equals(messageFile) && !forAgent();
    }

    boolean forAgent() {
        return (toolResource != null && !toolResource.isBlank()) || (agentId != null && !agentId.isBlank());
    }
}
