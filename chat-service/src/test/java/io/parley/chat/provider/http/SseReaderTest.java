package io.parley.chat.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void readsNamedEventsAndSkipsComments() throws IOException {
        List<SseReader.Event> events = readAll(": keep-alive\n\nevent: ping\ndata: {\"type\":\"ping\"}\n\ndata: x\n\n");

        assertThat(events).containsExactly(new SseReader.Event("ping", "{\"type\":\"ping\"}"),
                new SseReader.Event(null, "x"));
    }

    @Test
    void joinsSeveralDataLinesWithNewlines() throws IOException {
        assertThat(readAll("data: one\ndata:two\ndata:  three\n\n"))
                .containsExactly(new SseReader.Event(null, "one\ntwo\n three"));
    }

    @Test
    void acceptsCrlfAndLoneCrLineEnds() throws IOException {
        assertThat(readAll("data: a\r\n\r\ndata: b\r\rdata: c\n\n")).extracting(SseReader.Event::data)
                .containsExactly("a", "b", "c");
    }

    @Test
    void keepsMultiByteCharactersSplitAcrossReads() throws IOException {
        byte[] bytes = "data: héllo 🎉\n\n".getBytes(StandardCharsets.UTF_8);
        InputStream oneByteAtATime = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };

        assertThat(new SseReader(oneByteAtATime).next()).isEqualTo(new SseReader.Event(null, "héllo 🎉"));
    }

    @Test
    void dispatchesALastEventWithoutItsBlankLine() throws IOException {
        assertThat(readAll("data: [DONE]")).containsExactly(new SseReader.Event(null, "[DONE]"));
    }

    @Test
    void ignoresAnEventNameWithoutData() throws IOException {
        assertThat(readAll("event: lonely\n\ndata: x\n\n")).containsExactly(new SseReader.Event(null, "x"));
    }

    private static List<SseReader.Event> readAll(String stream) throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        List<SseReader.Event> events = new ArrayList<>();
        SseReader.Event event;
        while ((event = reader.next()) != null) {
            events.add(event);
        }
        return events;
    }
}
