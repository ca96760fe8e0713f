// Micro-benchmark for runtime/kernels: LinearWeight (f32 / bf16) and gemm() against OpenBLAS
// sgemm / sgemv on the same shapes, at 1 and 2 threads. Prints GFLOP/s (GEMM) and weight GB/s (GEMV).
//   bench_kernels [threads...]      default: 1 2
#include <cblas.h>
#include <sys/mman.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <random>
#include <span>
#include <thread>
#include <vector>

#include "runtime/kernels/linear.h"

namespace {
using autoclass::DType;
using autoclass::Tensor;
namespace k = autoclass::kernels;

// Best (minimum) seconds per call: warm up, then repeat until ~budget seconds (at least 3 calls). The
// minimum is the least noisy statistic on a shared machine.
double time_call(const std::function<void()>& fn, double budget = 0.25) {
  fn();
  std::vector<double> t;
  auto start = std::chrono::steady_clock::now();
  while (true) {
    auto a = std::chrono::steady_clock::now();
    fn();
    auto b = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double>(b - a).count());
    if (t.size() >= 3 && std::chrono::duration<double>(b - start).count() > budget) break;
  }
  std::sort(t.begin(), t.end());
  return t.front();
}

Tensor random_tensor(std::vector<std::int64_t> shape, unsigned seed) {
  Tensor t(DType::kF32, shape);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(-1.0f, 1.0f);
  float* p = t.data_mut<float>();
  for (std::int64_t i = 0; i < t.numel(); ++i) p[i] = d(rng);
  return t;
}

void gemm_row(int threads, std::int64_t m, std::int64_t kk, std::int64_t n) {
  Tensor w = random_tensor({n, kk}, 1), b = random_tensor({n}, 2), x = random_tensor({m, kk}, 3);
  std::vector<float> y(static_cast<std::size_t>(m * n));
  k::LinearWeight f32(w, b, k::WeightPrecision::kF32), bf16(w, b, k::WeightPrecision::kBF16),
      dot(w, b, k::WeightPrecision::kBF16Dot);
  const double flop = 2.0 * m * n * kk;
  const float* wp = w.data<float>();
  double t_blas = time_call([&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)m, (int)n, (int)kk, 1.0f, x.data<float>(), (int)kk, wp,
                (int)kk, 0.0f, y.data(), (int)n);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // OpenBLAS workers spin after a call
  double t_f32 = time_call([&] { f32.forward(x.data<float>(), m, y.data()); });
  double t_bf16 = time_call([&] { bf16.forward(x.data<float>(), m, y.data()); });
  double t_dot = time_call([&] { dot.forward(x.data<float>(), m, y.data()); });
  std::printf("linear  M=%-4lld K=%-5lld N=%-5lld thr=%d | openblas %7.1f | f32 %7.1f | bf16 %7.1f | bf16dot %7.1f  GFLOP/s\n",
              (long long)m, (long long)kk, (long long)n, threads, flop / t_blas * 1e-9, flop / t_f32 * 1e-9,
              flop / t_bf16 * 1e-9, flop / t_dot * 1e-9);
}

// Baseline for GEMV: plain streaming read (XOR of 64-bit words, vectorised) of `bytes`, split over the
// pool like the kernels; GB/s. Measured in the same run so machine load affects both alike.
double read_bandwidth(std::size_t bytes) {
  // Same page setup as LinearWeight's packed weights: 2 MiB aligned, transparent huge pages.
  const std::size_t huge = std::size_t{2} << 20, rounded = (bytes + huge - 1) / huge * huge;
  std::unique_ptr<std::uint64_t, decltype(&std::free)> mem(static_cast<std::uint64_t*>(std::aligned_alloc(huge, rounded)), &std::free);
  madvise(mem.get(), rounded, MADV_HUGEPAGE);
  std::span<std::uint64_t> buf(mem.get(), bytes / 8);
  for (auto& v : buf) v = 1;
  std::uint64_t sink = 0;
  double t = time_call([&] {
    std::vector<std::uint64_t> part(64, 0);
    k::parallel_for(64, [&](std::int64_t b, std::int64_t e) {
      for (std::int64_t c = b; c < e; ++c) {
        const std::size_t lo = buf.size() * c / 64, hi = buf.size() * (c + 1) / 64;
        std::uint64_t acc = 0;
        for (std::size_t i = lo; i < hi; ++i) acc ^= buf[i];
        part[c] = acc;
      }
    });
    for (auto v : part) sink ^= v;
  });
  if (sink == 42) std::printf(" ");
  return bytes / t * 1e-9;
}

void gemv_row(int threads, std::int64_t m, std::int64_t kk, std::int64_t n) {
  Tensor w = random_tensor({n, kk}, 1), x = random_tensor({m, kk}, 3);
  std::vector<float> y(static_cast<std::size_t>(m * n));
  k::LinearWeight f32(w, Tensor(), k::WeightPrecision::kF32), bf16(w, Tensor(), k::WeightPrecision::kBF16);
  const double bytes32 = 4.0 * n * kk, bytes16 = 2.0 * n * kk;
  const float* wp = w.data<float>();
  double t_blas = time_call([&] {
    if (m == 1)
      cblas_sgemv(CblasRowMajor, CblasNoTrans, (int)n, (int)kk, 1.0f, wp, (int)kk, x.data<float>(), 1, 0.0f, y.data(), 1);
    else
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)m, (int)n, (int)kk, 1.0f, x.data<float>(), (int)kk, wp,
                  (int)kk, 0.0f, y.data(), (int)n);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // OpenBLAS workers spin after a call
  double t_f32 = time_call([&] { f32.forward(x.data<float>(), m, y.data()); });
  double t_bf16 = time_call([&] { bf16.forward(x.data<float>(), m, y.data()); });
  const double bw32 = read_bandwidth(static_cast<std::size_t>(bytes32)), bw16 = read_bandwidth(static_cast<std::size_t>(bytes16));
  std::printf("gemv    M=%-4lld K=%-5lld N=%-5lld thr=%d | openblas %7.1f | f32 %7.1f (read %5.1f) | bf16 %7.1f (read %5.1f)"
              "  GB/s of weights (%.0f MB f32)\n",
              (long long)m, (long long)kk, (long long)n, threads, bytes32 / t_blas * 1e-9, bytes32 / t_f32 * 1e-9, bw32,
              bytes16 / t_bf16 * 1e-9, bw16, bytes32 / 1e6);
}

void attention_row(int threads, std::int64_t m, std::int64_t n, std::int64_t kk, bool bt) {
  Tensor a = random_tensor({m, kk}, 4), b = random_tensor({bt ? n : kk, bt ? kk : n}, 5);
  std::vector<float> c(static_cast<std::size_t>(m * n));
  const double flop = 2.0 * m * n * kk;
  double t_blas = time_call([&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, bt ? CblasTrans : CblasNoTrans, (int)m, (int)n, (int)kk, 1.0f,
                a.data<float>(), (int)kk, b.data<float>(), bt ? (int)kk : (int)n, 0.0f, c.data(), (int)n);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  double t_ours = time_call([&] { k::gemm(a.data<float>(), b.data<float>(), c.data(), m, n, kk, bt); });
  std::printf("gemm%s M=%-4lld K=%-5lld N=%-5lld thr=%d | openblas %7.1f | ours %7.1f  GFLOP/s\n", bt ? "ᵀ " : "  ",
              (long long)m, (long long)kk, (long long)n, threads, flop / t_blas * 1e-9, flop / t_ours * 1e-9);
}
// One-time cost of building (packing) a LinearWeight, per weight byte.
void pack_row(std::int64_t kk, std::int64_t n) {
  Tensor w = random_tensor({n, kk}, 1);
  for (auto prec : {k::WeightPrecision::kF32, k::WeightPrecision::kBF16}) {
    double t = time_call([&] { k::LinearWeight lw(w, Tensor(), prec); }, 0.5);
    std::printf("pack    K=%-5lld N=%-5lld %s: %.1f ms (%.2f GB/s of f32 input)\n", (long long)kk, (long long)n,
                prec == k::WeightPrecision::kF32 ? "f32 " : "bf16", t * 1e3, 4.0 * n * kk / t * 1e-9);
  }
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<int> threads;
  for (int i = 1; i < argc; ++i) threads.push_back(std::atoi(argv[i]));
  if (threads.empty()) threads = {1, 2};
  std::printf("autoclass kernels backend: %s (OpenBLAS: %s)\n", k::backend_name(), openblas_get_config());
  pack_row(4096, 4096);
  for (int t : threads) {
    k::set_num_threads(t);
    openblas_set_num_threads(t);
    gemm_row(t, 128, 768, 768);
    gemm_row(t, 128, 768, 3072);
    gemm_row(t, 128, 3072, 768);
    gemm_row(t, 16, 768, 768);
    attention_row(t, 128, 128, 64, true);
    attention_row(t, 128, 64, 128, false);
    gemv_row(t, 1, 768, 3072);
    gemv_row(t, 1, 4096, 4096);
    gemv_row(t, 1, 4096, 11008);
    gemv_row(t, 4, 4096, 4096);
  }
  return 0;
}
