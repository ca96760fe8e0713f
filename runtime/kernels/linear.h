// Dense primitives every kernel family uses. The weight layout is HF nn.Linear's: [out_features, in_features].
// `LinearWeight` owns the weight in whatever layout/dtype runs fastest here (it may pre-pack, or keep
// bf16), so families never call BLAS directly and speed work happens in one place.
//
// On CPUs with AVX-512 the weights are pre-packed into 48-column panels and run by our own microkernels
// (gemm_avx512.h); elsewhere (or with AUTOCLASS_KERNELS=portable) the portable OpenBLAS path is used.
#pragma once

#include <cstdint>
#include <memory>

#include "runtime/core/tensor.h"
#include "runtime/kernels/thread_pool.h"

namespace autoclass::kernels {

// Threads used by the primitives (default: AUTOCLASS_NUM_THREADS env, else hardware cores). Also sizes
// the parallel_for pool (thread_pool.h). Do not call while another thread runs a primitive.
void set_num_threads(int n);
int num_threads();

// Which implementation runs: "avx512" or "portable" (OpenBLAS). The env var AUTOCLASS_KERNELS=portable
// forces the portable path; set_simd_enabled(false) does the same for weights built afterwards (tests).
const char* backend_name();
void set_simd_enabled(bool enabled);

// kF32: f32 weights. kBF16: weights rounded to bf16 (half the memory traffic), activations stay f32,
// f32 accumulation — the result is exact math on the rounded weights. kBF16Dot: the same weights, but
// activations are also rounded to bf16 per call and multiplied with vdpbf16ps (about 2× the compute
// rate for prefill; one more bf16 rounding of error). Without AVX512_BF16 kBF16Dot behaves as kBF16.
enum class WeightPrecision { kF32, kBF16, kBF16Dot };

// Activation fused into the output of a linear layer (applied after the bias).
//  kGelu: HF "gelu" (erf form), kGeluTanh: "gelu_new" / "gelu_pytorch_tanh", kRelu: "relu".
enum class Activation { kNone, kGelu, kGeluTanh, kRelu };

// In place over `count` contiguous floats (vectorised; error vs the double formula < 1e-6 relative+abs).
void activate(float* x, std::int64_t count, Activation act);

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
  WeightPrecision precision() const { return precision_; }

  // y[rows, out] = x[rows, in] · Wᵀ (+ bias). x and y are row-major with leading dims `ldx`, `ldy`
  // (0 = dense). Small `rows` (decode) stream the weights once at memory bandwidth. Thread-safe.
  void forward(const float* x, std::int64_t rows, float* y, std::int64_t ldx = 0, std::int64_t ldy = 0) const;
  // Same, then `act` applied to every output (fused into the GEMM epilogue).
  void forward(const float* x, std::int64_t rows, float* y, Activation act, std::int64_t ldx = 0,
               std::int64_t ldy = 0) const;
  // Same, into a new [rows, out] tensor.
  Tensor forward(const Tensor& x2d, Activation act = Activation::kNone) const;

  // The weight as [out, in] in its compute dtype (F32, or BF16 for kBF16). With the packed layout this
  // unpacks a copy, so call it for inspection, not per token.
  Tensor weight() const;
  const Tensor& bias() const { return bias_; }

 private:
  std::int64_t in_ = 0, out_ = 0;
  WeightPrecision precision_ = WeightPrecision::kF32;
  std::shared_ptr<const void> packed_;  // AVX-512 panels (gemm_avx512.h), f32 or bf16 pairs; or null
  Tensor weight_;  // portable path only: F32 [out, in] (bf16 weights are widened once)
  Tensor bias_;    // F32 [out] or empty
};

// C[M,N] = alpha · A[M,K] · op(B) + beta · C, row-major; op(B) = B[N,K]ᵀ when b_transposed, else B[K,N].
// Used for attention scores and weighted sums.
void gemm(const float* a, const float* b, float* c, std::int64_t m, std::int64_t n, std::int64_t k,
          bool b_transposed, float alpha = 1.0f, float beta = 0.0f, std::int64_t lda = 0, std::int64_t ldb = 0,
          std::int64_t ldc = 0);

// `batch` independent gemm()s (e.g. one per attention head), split over the thread pool:
// problem i uses a + i·stride_a, b + i·stride_b, c + i·stride_c (strides in floats).
void gemm_batched(std::int64_t batch, const float* a, std::int64_t stride_a, const float* b, std::int64_t stride_b,
                  float* c, std::int64_t stride_c, std::int64_t m, std::int64_t n, std::int64_t k, bool b_transposed,
                  float alpha = 1.0f, float beta = 0.0f, std::int64_t lda = 0, std::int64_t ldb = 0,
                  std::int64_t ldc = 0);

}  // namespace autoclass::kernels
