package io.parley.chat.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ContentPartTest {

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    @Test
    void knownPartsAreTypedAndKeepTheirOtherKeys() {
        assertThat(ContentPart.of(map("type", "text", "text", "hi", "tool_call_ids", List.of("a"))))
                .isEqualTo(new ContentPart.Text("hi", Map.of("tool_call_ids", List.of("a"))));
        assertThat(ContentPart.of(map("type", "think", "think", "hmm"))).isEqualTo(new ContentPart.Think("hmm"));
        assertThat(ContentPart.of(map("type", "error", "error", "boom"))).isEqualTo(new ContentPart.Error("boom"));
        assertThat(ContentPart.of(map("type", "steer", "steer", "shorter", "steerId", "s1")))
                .isInstanceOf(ContentPart.Steer.class);
        assertThat(ContentPart.of(map("type", "tool_call", "tool_call", map("id", "c1", "name", "weather"))))
                .isInstanceOf(ContentPart.ToolCall.class);
        assertThat(ContentPart.of(map("type", "image_file", "image_file", map("file_id", "f1"))))
                .isInstanceOf(ContentPart.ImageFile.class);
        assertThat(ContentPart.of(map("type", "image_url", "image_url", "https://x/y.png")))
                .isInstanceOf(ContentPart.ImageUrl.class);
        assertThat(ContentPart.of(map("type", "agent_update", "agent_update", map("agentId", "a1"))))
                .isInstanceOf(ContentPart.AgentUpdate.class);
    }

    @Test
    void partsOfOtherTypesOrShapesAreKeptWhole() {
        Map<String, Object> video = map("type", "video_url", "video_url", map("url", "u"));
        Map<String, Object> oldText = map("type", "text", "text", map("value", "hi", "annotations", List.of()));
        Map<String, Object> untyped = map("text", "no type");

        assertThat(ContentPart.of(video)).isInstanceOf(ContentPart.Unknown.class);
        assertThat(ContentPart.of(oldText)).isInstanceOf(ContentPart.Unknown.class);
        assertThat(ContentPart.of(untyped).toMap()).isEqualTo(untyped);
        assertThat(ContentPart.of(oldText).toMap()).isEqualTo(oldText);
    }

    @Test
    void everyPartIsStoredAndAnsweredAsItWasSent() {
        for (Map<String, Object> sent : List.of(map("type", "text", "text", "hi", "x", 1),
                map("type", "tool_call", "tool_call", map("id", "c1", "args", "{}"), "progress", 1),
                map("type", "image_url", "image_url", map("url", "u", "detail", "auto")),
                map("type", "agent_update", "agent_update", map("index", 1)))) {
            assertThat(ContentPart.of(sent).toMap()).isEqualTo(sent);
        }
    }

    @Test
    void jsonIsTheStoredShape() {
        JsonMapper json = JsonMapper.builder().build();

        assertThat(json.writeValueAsString(List.of(new ContentPart.Text("hi"), new ContentPart.Error("boom"))))
                .isEqualTo("[{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"error\",\"error\":\"boom\"}]");
    }

    @Test
    void editingAPartKeepsItsOtherKeys() {
        ContentPart edited = ContentPart.of(map("type", "text", "text", "old", "x", 1)).with("text", "new");

        assertThat(edited).isEqualTo(new ContentPart.Text("new", Map.of("x", 1)));
    }
}
