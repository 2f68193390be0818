package io.parley.chat.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A sink that keeps every piece and lets a test wait for the first text. */
public final class CollectingSink implements TokenSink {

    public final List<String> texts = new CopyOnWriteArrayList<>();
    public final List<String> reasonings = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstText = new CountDownLatch(1);

    @Override
    public void text(String chunk) {
        texts.add(chunk);
        firstText.countDown();
    }

    @Override
    public void reasoning(String chunk) {
        reasonings.add(chunk);
    }

    public String text() {
        return String.join("", texts);
    }

    public String reasoning() {
        return String.join("", reasonings);
    }

    public void awaitFirstText() throws InterruptedException {
        if (!firstText.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("no text arrived");
        }
    }

    /** {@code "word1 word2 … wordN "}, what the fakes answer. */
    public static String words(int count) {
        return pieces("word", count);
    }

    public static String thoughts(int count) {
        return pieces("think", count);
    }

    private static String pieces(String stem, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append(stem).append(i).append(' ');
        }
        return text.toString();
    }
}
