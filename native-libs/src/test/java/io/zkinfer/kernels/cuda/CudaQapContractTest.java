package io.zkinfer.kernels.cuda;

import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.QapContract;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** The shared QAP quotient contract on the CUDA backend (its NTTs); skipped, with the reason, without a device. */
class CudaQapContractTest extends QapContract {
    @BeforeAll
    void announce() {
        CudaBackends.announce(getClass());
    }

    @Override
    protected List<KernelBackend> backends() {
        return CudaBackends.only();
    }
}
