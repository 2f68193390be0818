package io.parley.chat.turn;

import io.parley.chat.stream.ContentAggregate;
import io.parley.chat.stream.JobInfo.Status;
import io.parley.chat.stream.JobTakeover;
import io.parley.chat.stream.OrphanedJob;
import io.parley.chat.stream.StreamEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finishes a turn whose instance stopped mid-answer, as a provider failure is finished: the answer so
 * far (as far as its events reached Redis) is saved with {@code error:true} and an {@code error} part,
 * the hold is settled for it, and the followers get {@code event: error}. The conversation goes on
 * from that answer like from any failed one.
 */
@Component
class TurnTakeover implements JobTakeover {

    private static final Logger log = LoggerFactory.getLogger(TurnTakeover.class);
    static final String INTERRUPTED = "The response was interrupted because the server generating it stopped. "
            + "Please try again.";
    /** How a failed answer is settled ({@link Settlement#answer}): the owner settles the same way unless it was stopping. */
    private static final String FAILED_CONTEXT = "message";

    private final Settlement settlement;

    TurnTakeover(Settlement settlement) {
        this.settlement = settlement;
    }

    @Override
    public StreamEvent finish(OrphanedJob orphan) {
        if (orphan.handover() == null) {
            // Stopped before the job began: no answer to save, no tokens spent.
            return TurnEvents.error(INTERRUPTED);
        }
        TurnRecord turn = TurnRecord.fromJson(orphan.handover());
        ContentAggregate answer = new ContentAggregate();
        orphan.events().forEach(answer::add);
        // Only the owner knew what the provider reported: the answer is counted here.
        Settlement.Used used = settlement.used(turn, answer, ModelCalls.TokenTotals.NONE);
        // A recorded settlement means its owner had saved the answer: that one stays.
        boolean save = orphan.settledAs() == null;
        if (save) {
            settlement.record(turn, Settlement.parts(turn, answer, INTERRUPTED), used, Status.ERROR);
        }
        // Its owner may have settled already: the same context makes this the same settlement, charged once.
        String context = settlement.charge(orphan.key(), turn, FAILED_CONTEXT, used);
        log.info("Finished a turn taken over stream_id={} tenant_id={} saved={} completion_tokens={} settled_as={}",
                orphan.key().streamId(), orphan.key().tenantId(), save, used.completion(), context);
        return TurnEvents.error(INTERRUPTED);
    }
}
