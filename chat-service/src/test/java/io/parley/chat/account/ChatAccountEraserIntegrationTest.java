package io.parley.chat.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.parley.chat.ChatIntegrationTest;
import io.parley.chat.stream.Jobs;
import io.parley.common.events.AccountEvents;
import io.parley.common.events.UserDeleted;
import io.parley.common.test.Http;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * chat-service's part of an account deletion. Without Redis here, a published event reaches this
 * process's eraser at once (the Redis route: {@code TwoInstancesOnRedisIntegrationTest}).
 */
class ChatAccountEraserIntegrationTest extends ChatIntegrationTest {

    @Autowired
    AccountEvents events;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Jobs jobs;

    @Test
    void aDeletedAccountLosesAllItsChatDataAndNobodyElseLosesAny() {
        Person ada = person("acme");
        Person bob = person("acme");
        Person adaElsewhere = person(ada.id(), "other");
        for (Person someone : new Person[] {ada, bob, adaElsewhere}) {
            PersonalData.create(http, someone.auth());
            assertThat(PersonalData.count(mongo, someone.tenant(), someone.id()))
                    .allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());
        }

        events.publish(UserDeleted.of("acme", ada.id()));

        assertThat(PersonalData.count(mongo, "acme", ada.id()))
                .allSatisfy((kind, count) -> assertThat(count).as(kind).isZero());
        assertThat(get(ada, "/api/convos").json().get("conversations")).isEmpty();
        assertThat(PersonalData.count(mongo, "acme", bob.id()))
                .allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());
        assertThat(PersonalData.count(mongo, "other", ada.id()))
                .allSatisfy((kind, count) -> assertThat(count).as(kind).isPositive());
    }

    @Test
    void erasingAnAccountAgainFindsNothingAndSucceeds() {
        Person ada = person("acme");
        PersonalData.create(http, ada.auth());

        events.publish(UserDeleted.of("acme", ada.id()));
        events.publish(UserDeleted.of("acme", ada.id()));

        assertThat(PersonalData.count(mongo, "acme", ada.id())).allSatisfy((kind, count) -> assertThat(count).isZero());
    }

    @Test
    void aRunningGenerationIsStoppedAndTheErasureRepeatedOnceItHasEnded() {
        Person ada = person("acme");
        MODEL.delayMs(50).tokens(200);
        Http.Response started = post(ada, "/api/agents/chat/FakeAI", """
                {"text":"A long answer please","parentMessageId":"00000000-0000-0000-0000-000000000000",
                 "endpoint":"FakeAI","model":"fake-model"}""");
        assertThat(started.status()).as(started.body()).isEqualTo(200);

        assertThatThrownBy(() -> events.publish(UserDeleted.of("acme", ada.id())))
                .isInstanceOf(ChatAccountEraser.GenerationsWereRunning.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> jobs.running("acme", ada.id()).isEmpty());
        String convo = started.json().get("conversationId").asString();
        assertThat(get(ada, "/api/agents/chat/status/" + convo).json().get("status").asString()).isEqualTo("aborted");
        events.publish(UserDeleted.of("acme", ada.id()));

        assertThat(PersonalData.count(mongo, "acme", ada.id())).allSatisfy((kind, count) -> assertThat(count).isZero());
    }
}
