package dev.sluice.client.jdk;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads a whole body, hands a copy of its bytes to {@code sink}, then replays it to the caller's own
 * subscriber, so the retry decision can read a problem body and the caller still gets its {@code T}
 * (a {@code String}, an {@code InputStream}, …) as if nothing had happened. Used only for the few responses
 * whose body the decision needs (a retryable status with a JSON body and no {@code Retry-After}); every
 * other response streams straight to the caller's subscriber.
 */
final class BufferingSubscriber<T> implements BodySubscriber<T> {

    private final BodySubscriber<T> downstream;
    private final Consumer<byte[]> sink;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    /** Done when the whole body is in: the client must not hand out the response before the decision can read it. */
    private final CompletableFuture<Void> buffered = new CompletableFuture<>();

    BufferingSubscriber(BodySubscriber<T> downstream, Consumer<byte[]> sink) {
        this.downstream = downstream;
        this.sink = sink;
    }

    @Override
    public CompletionStage<T> getBody() {
        // A streaming subscriber (ofInputStream) has its body at once; the gate keeps the response back until
        // the bytes the decision reads have all arrived.
        return buffered.thenCompose(done -> downstream.getBody());
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            ByteBuffer b = item.duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            buffer.write(bytes, 0, bytes.length);
        }
    }

    @Override
    public void onError(Throwable failure) {
        downstream.onSubscribe(new Replay(null));
        downstream.onError(failure);
        buffered.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        byte[] bytes = buffer.toByteArray();
        sink.accept(bytes);
        downstream.onSubscribe(new Replay(bytes));
        buffered.complete(null);
    }

    /** Delivers the buffered bytes once, on the first request, as the Flow contract wants. */
    private final class Replay implements Flow.Subscription {
        private final byte[] bytes;
        private boolean done;

        Replay(byte[] bytes) {
            this.bytes = bytes;
            this.done = bytes == null;
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true; // set before delivering: a subscriber may request again from inside onNext
            }
            if (n <= 0) {
                downstream.onError(new IllegalArgumentException("non-positive request: " + n));
                return;
            }
            if (bytes.length > 0) {
                downstream.onNext(List.of(ByteBuffer.wrap(bytes)));
            }
            downstream.onComplete();
        }

        @Override
        public synchronized void cancel() {
            done = true;
        }
    }
}
