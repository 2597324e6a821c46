package io.zkinfer.kernels.cpu;

import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.MsmContract;
import java.util.List;

/** The shared MSM contract on the native backend (each case skips, with the reason, when the library is absent). */
class NativeMsmContractTest extends MsmContract {
    @Override
    protected List<KernelBackend> backends() {
        return List.of(NativeBackends.registered());
    }
}
