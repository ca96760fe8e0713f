// Naive double-precision references for the kernel tests.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace autoclass::test {

inline std::vector<float> random_floats(std::size_t n, unsigned seed, float lo = -1.0f, float hi = 1.0f) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (auto& x : v) x = d(rng);
  return v;
}

// C = alpha·A·op(B) + beta·C in double, plus the error scale Σ|a||b| per element.
struct RefGemm {
  std::vector<double> value, scale;
};
inline RefGemm ref_gemm(const float* a, const float* b, const float* c0, std::int64_t m, std::int64_t n, std::int64_t k,
                        bool bt, double alpha, double beta, std::int64_t lda, std::int64_t ldb, std::int64_t ldc) {
  RefGemm r{std::vector<double>(static_cast<std::size_t>(m * n)), std::vector<double>(static_cast<std::size_t>(m * n))};
  for (std::int64_t i = 0; i < m; ++i)
    for (std::int64_t j = 0; j < n; ++j) {
      double s = 0, sa = 0;
      for (std::int64_t p = 0; p < k; ++p) {
        const double bv = bt ? b[j * ldb + p] : b[p * ldb + j];
        s += static_cast<double>(a[i * lda + p]) * bv;
        sa += std::abs(static_cast<double>(a[i * lda + p]) * bv);
      }
      const double old = beta != 0.0 ? static_cast<double>(c0[i * ldc + j]) : 0.0;
      r.value[i * n + j] = alpha * s + beta * old;
      r.scale[i * n + j] = std::abs(alpha) * sa + std::abs(beta * old);
    }
  return r;
}

inline double gelu_ref(double x) { return 0.5 * x * std::erfc(-x / std::sqrt(2.0)); }
inline double gelu_tanh_ref(double x) {
  return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / M_PI) * (x + 0.044715 * x * x * x)));
}

}  // namespace autoclass::test
