// AVX-512 GEMM on pre-packed weights (internal to runtime/kernels). Every nn.Linear / Conv1D of the HF
// modeling_*.py files lands here through LinearWeight. Only call these when cpu_has_avx512() is true:
// this translation unit is compiled with -mavx512* whatever the global flags are.
//
// Packed layout ("panels"): the logical weight is W[N, K] (nn.Linear's [out, in]). Columns of the
// output are grouped into panels of kPanel = 48; panel p holds, for every k, the 48 values
// W[p*48 + j, k] (j = 0..47, zero past N) contiguously:
//   f32:  dst[(p*K + k)*48 + j]
//   bf16: pairs of k share a 32-bit word (low half k even, high half k odd), K padded to even:
//         dst32[(p*K2 + k/2)*48 + j], K2 = (K+1)/2.
// One layout serves the GEMM microkernel (8 rows × 48 columns of accumulators) and the GEMV stream.
#pragma once

#include <cstddef>
#include <cstdint>

namespace autoclass::kernels::avx512 {

constexpr std::int64_t kPanel = 48;

inline std::int64_t panels(std::int64_t n) { return (n + kPanel - 1) / kPanel; }
inline std::size_t packed_f32_count(std::int64_t n, std::int64_t k) {
  return static_cast<std::size_t>(panels(n) * k * kPanel);
}
inline std::size_t packed_bf16_words(std::int64_t n, std::int64_t k) {
  return static_cast<std::size_t>(panels(n) * ((k + 1) / 2) * kPanel);
}

// Element (j, kk) of the logical [N, K] matrix is src[j*sn + kk*sk] (so W[N,K] has sn=K, sk=1 and a
// row-major B[K,N] has sn=1, sk=ldb).
void pack_f32(const float* src, std::int64_t sn, std::int64_t sk, std::int64_t n, std::int64_t k, float* dst);
// src is a dense bf16 [N, K] (raw bits).
void pack_bf16(const std::uint16_t* src, std::int64_t n, std::int64_t k, std::uint32_t* dst);
// src is a dense f32 [N, K], rounded to bf16 (nearest even) while packing.
void pack_bf16_from_f32(const float* src, std::int64_t n, std::int64_t k, std::uint32_t* dst);

enum class Activation { kNone, kGeluErf, kGeluTanh, kRelu };

struct Epilogue {
  float alpha = 1.0f;             // C = alpha·A·Wᵀ + beta·C (+ bias, then activation)
  float beta = 0.0f;              // 0: C is not read
  const float* bias = nullptr;    // [N] or null
  Activation act = Activation::kNone;
};

// C[m, n] (row stride ldc) from A[m, k] (row stride lda) and packed weights; `parallel` splits the
// work over the thread pool (false when the caller already runs inside a parallel job).
void gemm_f32(const float* a, std::int64_t lda, std::int64_t m, const float* packed, std::int64_t n, std::int64_t k,
              float* c, std::int64_t ldc, const Epilogue& epi, bool parallel);
void gemm_bf16(const float* a, std::int64_t lda, std::int64_t m, const std::uint32_t* packed, std::int64_t n,
               std::int64_t k, float* c, std::int64_t ldc, const Epilogue& epi, bool parallel);

// vdpbf16ps variant (call only when cpu_has_avx512_bf16()): activations rounded to bf16 first with
// round_rows_bf16 into a_bf16 [m][(k+1)/2] words (pairs of k; zero-padded), weights as for gemm_bf16.
void round_rows_bf16(const float* a, std::int64_t lda, std::int64_t m, std::int64_t k, std::uint32_t* a_bf16);
void gemm_dot_bf16(const std::uint32_t* a_bf16, std::int64_t m, const std::uint32_t* packed, std::int64_t n,
                   std::int64_t k, float* c, std::int64_t ldc, const Epilogue& epi, bool parallel);

// Unpacked gemm for a few rows (decode attention: q·Kᵀ over the cache, p·V): C[m, n] = alpha·A·op(B) +
// beta·C with op(B) = B[n, k]ᵀ (row stride ldb) when bt, else B[k, n]. No packing, so the operand is
// read once; `parallel` splits n over the pool.
void gemm_small_m(const float* a, std::int64_t lda, std::int64_t m, const float* b, std::int64_t ldb, bool bt,
                  std::int64_t n, std::int64_t k, float* c, std::int64_t ldc, float alpha, float beta, bool parallel);
constexpr std::int64_t kSmallM = 4;

// In-place activation over a contiguous span (vectorised erf/tanh; used by the epilogue too).
void activate(float* x, std::int64_t count, Activation act);

}  // namespace autoclass::kernels::avx512
