package io.civitas.gateway.worker;

import io.civitas.gateway.error.WorkerFailureException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.smallrye.mutiny.subscription.MultiEmitter;

/** Feeds a server-streaming call into a Multi and cancels the call when the Multi's subscriber goes away. */
final class CancellableObserver<Q, R> implements ClientResponseObserver<Q, R> {

    private final MultiEmitter<? super R> emitter;

    CancellableObserver(MultiEmitter<? super R> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> call) {
        emitter.onTermination(() -> call.cancel("The gateway no longer needs the result", null));
    }

    @Override
    public void onNext(R value) {
        emitter.emit(value);
    }

    @Override
    public void onError(Throwable failure) {
        if (!emitter.isCancelled()) {
            emitter.fail(WorkerFailureException.from(failure));
        }
    }

    @Override
    public void onCompleted() {
        emitter.complete();
    }
}
