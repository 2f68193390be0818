package io.parley.file.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.common.test.Http;
import io.parley.file.FakePeers;
import io.parley.file.FileIntegrationTest;
import io.parley.file.TestDocuments;
import io.parley.file.TestImages;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** LibreChat's "Upload as Text" ({@code tool_resource=context}) through {@code POST /api/files}. */
class TextUploadIntegrationTest extends FileIntegrationTest {

    /** The collection the records are in, read here as a second client would see it. */
    private static final String FILES = "files";

    @Autowired
    MongoTemplate mongo;

    @Test
    void aDocumentUploadedAsTextIsStoredWithItsTextAndAnsweredWithIt() {
        Person me = user();
        byte[] docx = TestDocuments.docx("Project Falcon", "The launch moves to March.");

        Http.Response uploaded = asText(me, "falcon.docx", TestDocuments.DOCX, docx).post("/api/files");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        JsonNode doc = uploaded.json();
        assertThat(doc.get("message").asString()).isEqualTo("Agent file uploaded and processed successfully");
        assertThat(doc.get("text").asString()).contains("Project Falcon").contains("The launch moves to March.");
        assertThat(doc.get("type").asString()).isEqualTo(TestDocuments.DOCX);
        assertThat(doc.get("bytes").asLong()).as("the document itself is kept").isEqualTo(docx.length);
        assertThat(doc.get("context").asString()).isEqualTo("message_attachment");
        assertThat(doc.has("expiresAt")).as("temporary until a message uses it, like any chat attachment").isTrue();
        String id = doc.get("file_id").asString();
        org.bson.Document stored = mongo.findOne(Query.query(Criteria.where("file_id").is(id)), org.bson.Document.class,
                FILES);
        assertThat(stored.getString("text")).isEqualTo(doc.get("text").asString());
        assertThat(stored.getInteger("textLength")).isEqualTo(doc.get("text").asString().length());

        JsonNode listed = http.get("/api/files", me.auth()).json().get(0);
        assertThat(listed.get("file_id").asString()).isEqualTo(id);
        assertThat(listed.has("text")).as("lists leave the text out").isFalse();
        HttpResponse<byte[]> download = multipart.getBytes("/api/files/download/" + me.id() + "/" + id, me.auth());
        assertThat(download.body()).isEqualTo(docx);
    }

    @Test
    void aChatAttachmentNamingTheConversationsAgentNeedsNoRightToEditTheAgent() {
        Person me = user();

        Http.Response uploaded = asText(me, "notes.md", "text/markdown", "# Notes\n\nBuy milk.\n".getBytes())
                .field("agent_id", FakePeers.LOCKED_AGENT).post("/api/files");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().get("text").asString()).isEqualTo("# Notes\n\nBuy milk.\n");
        assertThat(AUTH.filesOf(FakePeers.LOCKED_AGENT, "context")).as("the message's, not the agent's").isEmpty();
    }

    @Test
    void aPdfAndASpreadsheetAreReadToo() {
        Person me = user();

        Http.Response pdf = asText(me, "paper.pdf", "application/pdf", TestDocuments.pdf("Abstract: we measure things"))
                .post("/api/files");
        Http.Response xlsx = asText(me, "sheet.xlsx", TestDocuments.XLSX,
                TestDocuments.xlsx("Budget", new String[] {"rent", "1200"})).post("/api/files");

        assertThat(pdf.status()).as(pdf.body()).isEqualTo(200);
        assertThat(pdf.json().get("text").asString()).contains("Abstract: we measure things");
        assertThat(xlsx.status()).as(xlsx.body()).isEqualTo(200);
        assertThat(xlsx.json().get("text").asString()).contains("Budget").contains("rent").contains("1200");
    }

    @Test
    void aDocumentWithoutTextIs400WithLibreChatsMessageAndNothingIsStored() {
        Person me = user();

        Http.Response scan = asText(me, "scan.pdf", "application/pdf", TestDocuments.blankPdf()).post("/api/files");
        Http.Response photo = asText(me, "photo.png", "image/png", TestImages.png(16, 16)).post("/api/files");

        assertThat(scan.status()).as(scan.body()).isEqualTo(400);
        assertThat(scan.json().get("message").asString()).isEqualTo("Unable to extract text from \"scan.pdf\". The document "
                + "may be image-based and requires an OCR service to process.");
        assertThat(photo.status()).as(photo.body()).isEqualTo(400);
        assertThat(photo.json().get("message").asString()).startsWith("Unable to extract text from \"photo.png\".");
        assertThat(http.get("/api/files", me.auth()).json()).isEmpty();
        assertThat(mongo.count(Query.query(Criteria.where("user").is(me.id())), FILES)).isZero();
    }

    @Test
    void anUploadNotAsTextKeepsNoText() {
        Person me = user();

        Http.Response uploaded = multipart.form().librechat("agents").field("message_file", "true")
                .file("file", "notes.txt", "text/plain", "plain notes\n".getBytes()).as(me).post("/api/files");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        assertThat(uploaded.json().has("text")).isFalse();
    }

    /** What LibreChat's client sends for "Upload as Text" in a chat (more fields may follow). */
    private io.parley.file.Multipart.Form asText(Person who, String filename, String type, byte[] content) {
        return multipart.form().librechat("agents").field("message_file", "true").field("tool_resource", "context")
                .file("file", filename, type, content).as(who);
    }
}
