package io.parley.file.upload;

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

    /** LibreChat's "Upload as Text": the document's text is read and stored with it. */
    static final String CONTEXT = "context";

    /** A chat attachment (LibreChat's {@code message_file}): the message's, never added to an agent. */
    boolean messageAttachment() {
        return "true".equals(messageFile);
    }

    /** A chat attachment: kept only once a message uses it. */
    boolean temporary() {
        return messageAttachment() && !addsToAgent();
    }

    /** Through LibreChat's agent upload (a tool resource or an agent named), whose answer says so. */
    boolean forAgent() {
        return (toolResource != null && !toolResource.isBlank()) || (agentId != null && !agentId.isBlank());
    }

    /**
     * Into an agent's tool resource, which takes EDIT on the agent. A chat attachment that names the
     * conversation's agent and a tool resource (LibreChat's client sends both with "Upload as Text") is
     * the person's own, as LibreChat's {@code processAgentFileUpload} treats it.
     */
    boolean addsToAgent() {
        return agentId != null && !agentId.isBlank() && toolResource != null && !toolResource.isBlank()
                && !messageAttachment();
    }

    boolean asText() {
        return CONTEXT.equals(toolResource);
    }
}
