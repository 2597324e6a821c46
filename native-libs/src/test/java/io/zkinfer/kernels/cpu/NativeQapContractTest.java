package io.zkinfer.kernels.cpu;

import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.QapContract;
import java.util.List;

/** The shared QAP quotient contract on the native backend (each case skips, with the reason, when the library is absent). */
class NativeQapContractTest extends QapContract {
    @Override
    protected List<KernelBackend> backends() {
        return List.of(NativeBackends.registered());
    }
}
