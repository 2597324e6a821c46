package io.zkinfer.kernels.cpu;

import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.NttContract;
import java.util.List;

/** The shared NTT contract on the native backend (each case skips, with the reason, when the library is absent). */
class NativeNttContractTest extends NttContract {
    @Override
    protected List<KernelBackend> backends() {
        return List.of(NativeBackends.registered());
    }
}
