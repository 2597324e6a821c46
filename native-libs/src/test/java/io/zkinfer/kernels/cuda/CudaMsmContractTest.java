package io.zkinfer.kernels.cuda;

import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.MsmContract;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** The shared MSM contract on the CUDA backend; skipped, with the reason, without a device. */
class CudaMsmContractTest extends MsmContract {
    @BeforeAll
    void announce() {
        CudaBackends.announce(getClass());
    }

    @Override
    protected List<KernelBackend> backends() {
        return CudaBackends.only();
    }
}
