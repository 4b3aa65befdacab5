#include "modescope/machine/MatmulPeak.h"

#include <chrono>

#include "training/TrainerImpl.h"
#include "modescope/training/Trainer.h"

namespace modescope
{

double measureMatmulGflops(DeviceChoice device, int m, int inner, int n, double seconds)
{
    const torch::Device where
        = (device == DeviceChoice::Cuda || (device == DeviceChoice::Auto && cudaAvailable()))
        ? torch::Device(torch::kCUDA)
        : torch::Device(torch::kCPU);
    torch::NoGradGuard noGrad;
    const auto options = torch::TensorOptions().device(where).dtype(torch::kFloat);
    const torch::Tensor a = torch::randn({ m, inner }, options);
    const torch::Tensor b = torch::randn({ inner, n }, options);
    torch::Tensor c = torch::empty({ m, n }, options);
    for (int i = 0; i < 3; ++i) // warm-up: thread pools, clocks, caches
        torch::mm_out(c, a, b);
    c.sum().item<float>(); // waits for the device
    const auto start = std::chrono::steady_clock::now();
    long long products = 0;
    double elapsed = 0;
    while (elapsed < seconds) {
        for (int i = 0; i < 16; ++i, ++products)
            torch::mm_out(c, a, b);
        c.sum().item<float>();
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    const double flops = 2.0 * m * inner * static_cast<double>(n) * products;
    return flops / elapsed / 1e9;
}

int computeThreads()
{
    return at::get_num_threads();
}

} // namespace modescope
