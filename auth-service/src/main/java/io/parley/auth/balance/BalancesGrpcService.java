package io.parley.auth.balance;

import io.grpc.stub.StreamObserver;
import io.parley.common.grpc.GrpcCaller;
import io.parley.proto.auth.v1.BalancesGrpc;
import io.parley.proto.auth.v1.BeginRequest;
import io.parley.proto.auth.v1.BeginResponse;
import io.parley.proto.auth.v1.SettleRequest;
import io.parley.proto.auth.v1.SettleResponse;
import org.springframework.stereotype.Service;

/**
 * Token accounting for chat-service's turns. {@code Begin} acts for the end user of the relayed
 * token; {@code Settle} for the user of the hold, whose id is the capability.
 */
@Service
class BalancesGrpcService extends BalancesGrpc.BalancesImplBase {

    private final TokenAccounting accounting;

    BalancesGrpcService(TokenAccounting accounting) {
        this.accounting = accounting;
    }

    @Override
    public void begin(BeginRequest request, StreamObserver<BeginResponse> response) {
        TokenAccounting.Begun begun = accounting.begin(GrpcCaller.require(), new TokenAccounting.Turn(
                request.getConversationId(), request.getMessageId(), request.getModel(), request.getEndpoint(),
                request.getPromptTokens()));
        response.onNext(BeginResponse.newBuilder()
                .setAllowed(begun.allowed())
                .setHoldId(begun.holdId())
                .setBalanceEnabled(begun.balanceEnabled())
                .setBalance(begun.balance())
                .setTokenCost(begun.tokenCost())
                .build());
        response.onCompleted();
    }

    @Override
    public void settle(SettleRequest request, StreamObserver<SettleResponse> response) {
        TokenAccounting.Settled settled = accounting.settle(new TokenAccounting.Settlement(request.getHoldId(),
                request.getContext(), request.getPromptTokens(), request.getCompletionTokens(), request.getModel()));
        response.onNext(SettleResponse.newBuilder()
                .setBalance(settled.balance())
                .setAlreadySettled(settled.alreadySettled())
                .build());
        response.onCompleted();
    }
}
