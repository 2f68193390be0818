package io.parley.chat.turn;

import static io.parley.chat.turn.TurnIntegrationTest.firstTurn;
import static io.parley.chat.turn.TurnIntegrationTest.json;
import static io.parley.chat.turn.TurnIntegrationTest.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.chat.ChatIntegrationTest;
import io.parley.chat.SseStream;
import io.parley.common.test.Http;
import io.parley.proto.file.v1.FileMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Files attached to a message: attached through file-service, recorded as it describes them, images sent to the model. */
class AttachmentsIntegrationTest extends ChatIntegrationTest {

    private static final byte[] IMAGE = "not really a png, but bytes all the same".getBytes(StandardCharsets.UTF_8);

    @Test
    @SuppressWarnings("unchecked")
    void anAttachedImageIsRecordedAsFileServiceDescribesItAndReachesTheModel() throws Exception {
        Person alice = person();
        String image = file(alice, "photo.png", "image/png", 640, 480);
        String notes = file(alice, "notes.txt", "text/plain", 0, 0);

        Http.Response response = post(alice, "/api/agents/chat/FakeAI", withFiles(firstTurn("What is in the picture?"),
                "[{\"file_id\":\"" + image + "\",\"filename\":\"claimed.png\",\"filepath\":\"/elsewhere\"},"
                        + "{\"file_id\":\"" + notes + "\"}]"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, Object> started = json(response);
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/"
                + started.get("streamId"), alice.auth())) {
            assertThat(stream.rest().getLast().isFinal()).isTrue();
        }

        Map<String, Object> asked = list(get(alice, "/api/messages/" + started.get("conversationId"))).getFirst();
        List<Map<String, Object>> files = (List<Map<String, Object>>) asked.get("files");
        assertThat(files).extracting(f -> f.get("file_id")).containsExactly(image, notes);
        assertThat(files.getFirst()).containsEntry("filename", "photo.png")
                .containsEntry("filepath", "/images/" + alice.id() + "/" + image + ".png")
                .containsEntry("type", "image/png").containsEntry("width", 640).containsEntry("height", 480);
        assertThat(FILES.attached).contains(alice.tenant() + "/" + alice.id() + "/" + image,
                alice.tenant() + "/" + alice.id() + "/" + notes);
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(IMAGE);
        assertThat(MODEL.requests()).as("the image went to the model, the text file did not")
                .anySatisfy(r -> assertThat(r.body()).contains("\"image_url\"").contains(dataUrl)
                        .contains("What is in the picture?"));
    }

    @Test
    void anEarlierImageOfTheConversationIsSentAgainWithAFollowUp() throws Exception {
        Person alice = person();
        String image = file(alice, "photo.png", "image/png", 64, 64);
        Http.Response first = post(alice, "/api/agents/chat/FakeAI", withFiles(firstTurn("What is this?"),
                "[{\"file_id\":\"" + image + "\"}]"));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String convo = (String) json(first).get("conversationId");
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/" + convo, alice.auth())) {
            assertThat(stream.rest().getLast().isFinal()).isTrue();
        }
        String answerId = (String) list(get(alice, "/api/messages/" + convo)).getLast().get("messageId");
        MODEL.clearRequests();

        Http.Response followUp = post(alice, "/api/agents/chat/FakeAI", TurnIntegrationTest.followUp("And its colour?", convo,
                answerId));
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(200);
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/" + convo, alice.auth())) {
            assertThat(stream.rest().getLast().isFinal()).isTrue();
        }

        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(IMAGE);
        assertThat(MODEL.requests()).as("the follow-up carries the earlier image").anySatisfy(r -> assertThat(r.body())
                .contains("And its colour?").contains(dataUrl));
    }

    @Test
    void aSavedMessageThatUnderstatesAFilesSizeDoesNotGetItSentAgain() throws Exception {
        Person alice = person();
        String big = file(alice, "huge.png", "image/png", 9000, 9000, 40L * 1024 * 1024);
        String convo = uuid();
        String saved = uuid();
        Http.Response message = post(alice, "/api/messages/" + convo, """
                {"messageId":"%s","conversationId":"%s","parentMessageId":"00000000-0000-0000-0000-000000000000",
                 "text":"look","sender":"User","isCreatedByUser":true,"endpoint":"FakeAI","model":"fake-model",
                 "files":[{"file_id":"%s","type":"image/png","bytes":10}]}""".formatted(saved, convo, big));
        assertThat(message.status()).as(message.body()).isLessThan(300);
        MODEL.clearRequests();

        Http.Response followUp = post(alice, "/api/agents/chat/FakeAI", TurnIntegrationTest.followUp("And now?", convo, saved));
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(200);
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/" + convo, alice.auth())) {
            assertThat(stream.rest().getLast().isFinal()).isTrue();
        }

        assertThat(MODEL.requests()).anySatisfy(r -> assertThat(r.body()).contains("And now?"));
        assertThat(MODEL.requests()).as("file-service's size counts, not the record's")
                .noneSatisfy(r -> assertThat(r.body()).contains("image_url"));
    }

    @Test
    void aFileThatIsNotThePersonsIsNotFoundAndNothingIsStored() {
        Person alice = person();
        Person bob = person();
        String theirs = file(bob, "theirs.png", "image/png", 10, 10);

        Http.Response refused = post(alice, "/api/agents/chat/FakeAI",
                withFiles(firstTurn("Look at this"), "[{\"file_id\":\"" + theirs + "\"}]"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(refused.body()).contains(theirs);
        assertThat((List<?>) json(get(alice, "/api/convos")).get("conversations")).as("no conversation started")
                .isEmpty();
        assertThat(FILES.attached).noneMatch(a -> a.endsWith(theirs));
    }

    @Test
    void imagesOverTheirTotalForTheModelAre413AndNothingIsStored() {
        Person alice = person();
        StringBuilder files = new StringBuilder("[");
        for (int i = 0; i < 3; i++) {
            files.append(i == 0 ? "" : ",").append("{\"file_id\":\"").append(file(alice, "big" + i + ".png", "image/png",
                    4000, 4000, 12L * 1024 * 1024)).append("\"}");
        }

        Http.Response refused = post(alice, "/api/agents/chat/FakeAI", withFiles(firstTurn("Compare these"), files + "]"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(413);
        assertThat((List<?>) json(get(alice, "/api/convos")).get("conversations")).isEmpty();
    }

    @Test
    void aFileWithoutAnIdIsABadRequest() {
        Http.Response refused = post(person(), "/api/agents/chat/FakeAI",
                withFiles(firstTurn("Look at this"), "[{\"filename\":\"x.png\"}]"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDocumentUploadedAsTextReachesTheModelUnderItsNameWithTheSystemMessage() throws Exception {
        Person alice = person();
        String plan = document(alice, "plan.md", "# Plan\n\nThe launch code is 4711.\n");

        Map<String, Object> started = turn(alice, withFiles(firstTurn("What is the launch code?"),
                "[{\"file_id\":\"" + plan + "\"}]"));

        Map<String, Object> request = onlyModelRequest();
        List<Map<String, Object>> messages = (List<Map<String, Object>>) request.get("messages");
        assertThat(messages.getFirst()).containsEntry("role", "system");
        assertThat((String) messages.getFirst().get("content")).contains("Attached document(s):")
                .contains("# \"plan.md\"\n# Plan\n\nThe launch code is 4711.");
        assertThat(messages.getLast()).containsEntry("role", "user").containsEntry("content", "What is the launch code?");
        Map<String, Object> asked = list(get(alice, "/api/messages/" + started.get("conversationId"))).getFirst();
        assertThat((List<Map<String, Object>>) asked.get("files")).extracting(f -> f.get("filename"))
                .containsExactly("plan.md");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDocumentLargerThanTheWindowIsCutToWhatTheInstructionsAndTheMessageLeave() throws Exception {
        Person alice = person();
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            words.append("word").append(i).append(' ');
        }
        String book = document(alice, "book.txt", words.toString());
        String turn = withFiles(firstTurn("Summarise the book"), "[{\"file_id\":\"" + book + "\"}]");
        turn = turn.substring(0, turn.lastIndexOf('}')) + ",\"maxContextTokens\":400,\"promptPrefix\":\"Be brief.\"}";

        turn(alice, turn);

        List<Map<String, Object>> messages = (List<Map<String, Object>>) onlyModelRequest().get("messages");
        String system = (String) messages.getFirst().get("content");
        assertThat(system).startsWith("Be brief.\n\nAttached document(s):").contains("word0 word1").doesNotContain("word2999")
                .endsWith("```");
        assertThat(messages.getLast()).containsEntry("content", "Summarise the book");
        assertThat(new io.parley.chat.support.TokenCounter().count(system + "Summarise the book"))
                .as("everything within the window").isLessThan(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEarlierDocumentGoesAgainBeforeItsMessageAndAFileDeletedSinceIsLeftOut() throws Exception {
        Person alice = person();
        String notes = document(alice, "notes.md", "Meeting moved to Friday.");
        Map<String, Object> first = turn(alice, withFiles(firstTurn("When is the meeting?"),
                "[{\"file_id\":\"" + notes + "\"}]"));
        String convo = (String) first.get("conversationId");
        String answerId = (String) list(get(alice, "/api/messages/" + convo)).getLast().get("messageId");
        MODEL.clearRequests();

        turn(alice, TurnIntegrationTest.followUp("And where?", convo, answerId));

        List<Map<String, Object>> messages = (List<Map<String, Object>>) onlyModelRequest().get("messages");
        assertThat(messages).noneSatisfy(m -> assertThat(m).containsEntry("role", "system"));
        assertThat((String) messages.getFirst().get("content")).startsWith("Attached document(s):")
                .contains("# \"notes.md\"\nMeeting moved to Friday.").endsWith("```\nWhen is the meeting?");
        assertThat(messages.getLast()).containsEntry("content", "And where?");

        FILES.remove(notes);
        MODEL.clearRequests();
        String secondAnswer = (String) list(get(alice, "/api/messages/" + convo)).getLast().get("messageId");
        turn(alice, TurnIntegrationTest.followUp("Thanks", convo, secondAnswer));

        assertThat(MODEL.requests()).noneSatisfy(r -> assertThat(r.body()).contains("Meeting moved to Friday."));
        assertThat(((List<Map<String, Object>>) onlyModelRequest().get("messages")).getFirst())
                .containsEntry("content", "When is the meeting?");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRegeneratedAnswerGetsTheAskedMessagesDocumentAgainCutToTheWindow() throws Exception {
        Person alice = person();
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            words.append("item").append(i).append(' ');
        }
        String list = document(alice, "list.txt", words.toString());
        String first = withFiles(firstTurn("Count the items"), "[{\"file_id\":\"" + list + "\"}]");
        String convo = (String) turn(alice, first.substring(0, first.lastIndexOf('}')) + ",\"maxContextTokens\":500}")
                .get("conversationId");
        String question = (String) list(get(alice, "/api/messages/" + convo)).getFirst().get("messageId");
        MODEL.clearRequests();

        turn(alice, """
                {"text":"Count the items","parentMessageId":"00000000-0000-0000-0000-000000000000","conversationId":"%s",
                 "overrideParentMessageId":"%s","isRegenerate":true,"endpoint":"FakeAI","model":"fake-model",
                 "maxContextTokens":500}""".formatted(convo, question));

        List<Map<String, Object>> messages = (List<Map<String, Object>>) onlyModelRequest().get("messages");
        assertThat(messages).hasSize(1);
        String asked = (String) messages.getFirst().get("content");
        assertThat(asked).startsWith("Attached document(s):").contains("item0 item1").doesNotContain("item2999")
                .endsWith("```\nCount the items");
        assertThat(new io.parley.chat.support.TokenCounter().count(asked)).isLessThan(500);
    }

    /** Starts a turn and follows its stream to the end; the started answer. */
    private Map<String, Object> turn(Person who, String body) throws Exception {
        Http.Response response = post(who, "/api/agents/chat/FakeAI", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, Object> started = json(response);
        try (SseStream stream = new SseStream("http://127.0.0.1:" + port + "/api/agents/chat/stream/"
                + started.get("streamId"), who.auth())) {
            assertThat(stream.rest().getLast().isFinal()).isTrue();
        }
        return started;
    }

    /** The one chat request the model received (titles are asked without streaming and left out). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyModelRequest() {
        List<Map<String, Object>> chats = MODEL.requests().stream()
                .map(r -> (Map<String, Object>) TurnIntegrationTest.JSON.readValue(r.body(), Map.class))
                .filter(body -> Boolean.TRUE.equals(body.get("stream"))).toList();
        assertThat(chats).hasSize(1);
        return chats.getFirst();
    }

    /** A document the person uploaded as text: file-service read {@code text} from it. */
    private static String document(Person owner, String filename, String text) {
        String id = uuid();
        FILES.put(owner.tenant(), FileMetadata.newBuilder().setFileId(id).setUser(owner.id()).setFilename(filename)
                .setFilepath("/uploads/" + owner.id() + "/" + id).setType("text/markdown").setBytes(text.length())
                .setSource("local").setContext("message_attachment").setText(text).build(), text.getBytes(StandardCharsets.UTF_8));
        return id;
    }

    private static String withFiles(String turn, String files) {
        return turn.substring(0, turn.lastIndexOf('}')) + ",\"files\":" + files + "}";
    }

    private static String file(Person owner, String filename, String type, int width, int height) {
        return file(owner, filename, type, width, height, IMAGE.length);
    }

    /** A file file-service would describe with {@code bytes}; its stored content is {@link #IMAGE} all the same. */
    private static String file(Person owner, String filename, String type, int width, int height, long bytes) {
        String id = uuid();
        String folder = type.startsWith("image/") ? "/images/" : "/uploads/";
        FileMetadata.Builder metadata = FileMetadata.newBuilder().setFileId(id).setUser(owner.id()).setFilename(filename)
                .setFilepath(folder + owner.id() + "/" + id + (type.startsWith("image/") ? ".png" : ""))
                .setType(type).setBytes(bytes).setSource("local").setContext("message_attachment");
        if (width > 0) {
            metadata.setWidth(width).setHeight(height);
        }
        FILES.put(owner.tenant(), metadata.build(), IMAGE);
        return id;
    }
}
