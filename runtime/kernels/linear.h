// Dense primitives every kernel family uses. The weight layout is HF nn.Linear's: [out_features, in_features].
// `LinearWeight` owns the weight in whatever layout/dtype runs fastest here (it may pre-pack, or keep
// bf16), so families never call BLAS directly and speed work happens in one place.
#pragma once

#include <cstdint>
#include <memory>

#include "runtime/core/tensor.h"

namespace autoclass::kernels {

// Threads used by the primitives (default: AUTOCLASS_NUM_THREADS env, else hardware cores).
void set_num_threads(int n);
int num_threads();

enum class WeightPrecision { kF32, kBF16 };

class LinearWeight {
 public:
  LinearWeight() = default;
  // `weight` is [out, in] (any float dtype); `bias` is [out] or empty.
  LinearWeight(const Tensor& weight, const Tensor& bias, WeightPrecision precision = WeightPrecision::kF32);
  // Conv1D (GPT-2) stores [in, out]; this transposes it once at load.
  static LinearWeight from_transposed(const Tensor& weight_in_out, const Tensor& bias,
                                      WeightPrecision precision = WeightPrecision::kF32);

  std::int64_t in_features() const { return in_; }
  std::int64_t out_features() const { return out_; }
  bool has_bias() const { return !bias_.empty(); }

  // y[rows, out] = x[rows, in] · Wᵀ (+ bias). x and y are row-major with leading dims `ldx`, `ldy`
  // (0 = dense). rows == 1 takes the matrix-vector path.
  void forward(const float* x, std::int64_t rows, float* y, std::int64_t ldx = 0, std::int64_t ldy = 0) const;
  // Same, into a new [rows, out] tensor.
  Tensor forward(const Tensor& x2d) const;

  const Tensor& weight() const { return weight_; }  // [out, in] as stored for compute
  const Tensor& bias() const { return bias_; }

 private:
  std::int64_t in_ = 0, out_ = 0;
  WeightPrecision precision_ = WeightPrecision::kF32;
  Tensor weight_;  // F32 [out, in] or BF16 [out, in]
  Tensor bias_;    // F32 [out] or empty
};

// C[M,N] = alpha · A[M,K] · op(B) + beta · C, row-major; op(B) = B[N,K]ᵀ when b_transposed, else B[K,N].
// Used for attention scores and weighted sums.
void gemm(const float* a, const float* b, float* c, std::int64_t m, std::int64_t n, std::int64_t k,
          bool b_transposed, float alpha = 1.0f, float beta = 0.0f, std::int64_t lda = 0, std::int64_t ldb = 0,
          std::int64_t ldc = 0);

}  // namespace autoclass::kernels
