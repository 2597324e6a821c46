package io.zkinfer.server.node;

/** {@link EveryRpcContract} on gRPC's in-process transport. */
class EveryRpcInProcessTest extends EveryRpcContract {

    @Override
    NodeFixture.Transport transport() {
        return NodeFixture.Transport.IN_PROCESS;
    }
}
