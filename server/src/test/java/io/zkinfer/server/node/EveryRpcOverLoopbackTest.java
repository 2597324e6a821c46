package io.zkinfer.server.node;

/** {@link EveryRpcContract} over HTTP/2 on TCP to 127.0.0.1, as remote clients call. */
class EveryRpcOverLoopbackTest extends EveryRpcContract {

    @Override
    NodeFixture.Transport transport() {
        return NodeFixture.Transport.LOOPBACK;
    }
}
