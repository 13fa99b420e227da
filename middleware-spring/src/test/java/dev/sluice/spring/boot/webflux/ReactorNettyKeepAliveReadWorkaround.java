package dev.sluice.spring.boot.webflux;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Test-only workaround for a Reactor Netty bug, not for anything in Sluice: reactor/reactor-netty#4361, a
 * regression of reactor/reactor-netty#4189 (in 1.3.6), fixed by reactor/reactor-netty#4347 ("Resume the read when
 * the pipelined queue drains without a request", in the Reactor Netty 1.3.8 release notes). This build has 1.3.6
 * (from Spring Boot 4.0.7). <b>Delete this class and its bean in {@link WebFluxDemoApp} once the build is on
 * Reactor Netty 1.3.8 or later.</b>
 *
 * <p>The bug: the server reads a keep-alive connection only on demand. When a request arrives before the
 * previous request's operations have terminated (they terminate in a task after the response is on the wire,
 * which is late when the handler finished off the event loop, e.g. after {@code Mono.delay}), it is queued with
 * its trailing {@code LastHttpContent}. If that queued request is then answered at once (no body to wait for),
 * the queue is drained without dispatching a request, and nothing asks for the next read: the client's next
 * request stays unread in the socket until the client closes the connection. In {@link WebFluxContractTest} that
 * was {@code GET /work?ms=1} (the end of the abort test), {@code POST /demo/dependencies/payments} (answered at
 * once) and then the admin override, which hung for the kit's 20 s timeout.
 *
 * <p>The workaround re-arms the read from the outside, as the upstream fix does inside: after every request's
 * operations terminate (Reactor Netty's own event, which its {@code HttpTrafficHandler} answers by scheduling the
 * drain), it schedules a check that runs after that drain and asks for a read if the connection is open, not
 * reading by itself and has no request in progress. Reading an idle keep-alive connection is what the server does
 * anyway when the queue is empty, so an extra read changes nothing else.
 */
@ChannelHandler.Sharable
final class ReactorNettyKeepAliveReadWorkaround extends ChannelInboundHandlerAdapter {

    private static final String NAME = "sluiceTest.reactorNetty4361";
    /** Package-private in Reactor Netty, so matched by name; if it is renamed, this handler does nothing. */
    private static final String TERMINATED_EVENT = "reactor.netty.http.server.HttpServerOperationsTerminatedEvent";
    private static final ReactorNettyKeepAliveReadWorkaround INSTANCE = new ReactorNettyKeepAliveReadWorkaround();

    private ReactorNettyKeepAliveReadWorkaround() {
    }

    static NettyServerCustomizer customizer() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                pipeline.addAfter(NettyPipeline.HttpTrafficHandler, NAME, INSTANCE);
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        ctx.fireUserEventTriggered(event);
        if (TERMINATED_EVENT.equals(event.getClass().getName())) {
            // Queued behind the HttpTrafficHandler's drain, which it has just scheduled on this event loop.
            ctx.executor().execute(() -> {
                Channel channel = ctx.channel();
                if (channel.isActive() && !channel.config().isAutoRead()
                        && !(ChannelOperations.get(channel) instanceof HttpServerRequest)) {
                    channel.read();
                }
            });
        }
    }
}
