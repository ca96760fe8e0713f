// AVX-512 packed GEMM / GEMV (see gemm_avx512.h for the layout). Serves every nn.Linear / Conv1D of
// HF modeling_*.py (e.g. modeling_bert.py BertSelfAttention/BertIntermediate, modeling_llama.py
// LlamaMLP) via LinearWeight, plus gemm() for attention scores.
//
// Register tile: 8 rows × 48 columns = 24 zmm accumulators, 3 weight vectors, 1 broadcast. Loops
// (BLIS order): row blocks of kMC → K blocks of ≤ kKC (the 48×kc weight block stays in L1/L2 while
// every 8-row tile reuses it) → panels → 8-row tiles. Small M (decode) takes the whole K at once so
// each thread streams its contiguous share of the packed weights from memory exactly once.
// FMA accumulation in f32, no fast-math: results agree with a double reference to ~1e-6 relative.
//
// ODR note: this file is compiled with -mavx512*; it includes no standard-library headers with
// inline functions that could be merged with generic copies elsewhere.
#include "runtime/kernels/gemm_avx512.h"

#ifdef AUTOCLASS_NO_AVX512
#include "runtime/kernels/gemm_avx512_stub.inc"
#else

#include <immintrin.h>

#include "runtime/kernels/thread_pool.h"
#include "runtime/kernels/vector_math_avx512.h"

namespace autoclass::kernels::avx512 {
namespace {

using i64 = std::int64_t;
constexpr int kMR = 8;
constexpr i64 kMC = 256;
// K blocks of at most kKC, evenly sized (and even, for bf16 pairs). Measured on Zen 5 (M=128): 192..768
// are all within noise (the 48×kc weight block streams from L2 fast enough), so fewer C reloads win.
constexpr i64 kKC = 768;

inline i64 imin(i64 a, i64 b) { return a < b ? a : b; }
inline __mmask16 tail_mask(int count) {
  return count >= 16 ? static_cast<__mmask16>(0xFFFF) : count <= 0 ? 0 : static_cast<__mmask16>((1u << count) - 1);
}

void activate_row(float* x, i64 count, Activation act) {
  for (i64 j = 0; j < count; j += 16) {
    const __mmask16 m = tail_mask(static_cast<int>(count - j));
    _mm512_mask_storeu_ps(x + j, m, activate_ps(_mm512_maskz_loadu_ps(m, x + j), act));
  }
}

// ---- microkernels -------------------------------------------------------------------------------

struct TileArgs {
  i64 kc;               // K extent of this block
  const float* a;       // A at (row0, k0)
  i64 lda;
  const void* b;        // packed panel at k0
  float* c;             // C at (row0, col0)
  i64 ldc;
  int ncols;            // valid columns of this panel (1..48)
  bool first, last;     // first / last K block
  const float* bias;    // bias at col0 or null
  const Epilogue* epi;
};

template <int MR>
inline void store_tile(__m512 (&acc)[MR][3], const TileArgs& t) {
  const Epilogue& e = *t.epi;
  const __mmask16 mk[3] = {tail_mask(t.ncols), tail_mask(t.ncols - 16), tail_mask(t.ncols - 32)};
  const __m512 alpha = _mm512_set1_ps(e.alpha);
#pragma GCC unroll 8
  for (int i = 0; i < MR; ++i) {
    float* crow = t.c + i * t.ldc;
#pragma GCC unroll 3
    for (int g = 0; g < 3; ++g) {
      if (!mk[g]) continue;
      __m512 v = acc[i][g];
      if (t.first) {
        if (e.alpha != 1.0f) v = _mm512_mul_ps(alpha, v);
        if (e.beta != 0.0f) v = _mm512_fmadd_ps(_mm512_set1_ps(e.beta), _mm512_maskz_loadu_ps(mk[g], crow + 16 * g), v);
      } else {
        v = _mm512_fmadd_ps(alpha, v, _mm512_maskz_loadu_ps(mk[g], crow + 16 * g));
      }
      if (t.last && t.bias) v = _mm512_add_ps(v, _mm512_maskz_loadu_ps(mk[g], t.bias + 16 * g));
      if (t.last && e.act != Activation::kNone) v = activate_ps(v, e.act);
      _mm512_mask_storeu_ps(crow + 16 * g, mk[g], v);
    }
  }
}

template <int MR>
void kernel_f32(const TileArgs& t) {
  // Small MR (decode): a second accumulator set over odd k hides the FMA latency.
  constexpr bool kSplit = MR <= 4;
  __m512 acc[MR][3], acc2[kSplit ? MR : 1][3];
#pragma GCC unroll 8
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 3
    for (int g = 0; g < 3; ++g) acc[i][g] = _mm512_setzero_ps();
  if constexpr (kSplit)
#pragma GCC unroll 8
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 3
      for (int g = 0; g < 3; ++g) acc2[i][g] = _mm512_setzero_ps();
  const float* b = static_cast<const float*>(t.b);
  const float* a = t.a;
  const i64 lda = t.lda;
  i64 k = 0;
  if constexpr (kSplit) {
    for (; k + 1 < t.kc; k += 2, b += 2 * kPanel) {
      const __m512 b0 = _mm512_loadu_ps(b), b1 = _mm512_loadu_ps(b + 16), b2 = _mm512_loadu_ps(b + 32);
      const __m512 d0 = _mm512_loadu_ps(b + 48), d1 = _mm512_loadu_ps(b + 64), d2 = _mm512_loadu_ps(b + 80);
#pragma GCC unroll 8
      for (int i = 0; i < MR; ++i) {
        const __m512 av = _mm512_set1_ps(a[i * lda + k]);
        acc[i][0] = _mm512_fmadd_ps(av, b0, acc[i][0]);
        acc[i][1] = _mm512_fmadd_ps(av, b1, acc[i][1]);
        acc[i][2] = _mm512_fmadd_ps(av, b2, acc[i][2]);
        const __m512 aw = _mm512_set1_ps(a[i * lda + k + 1]);
        acc2[i][0] = _mm512_fmadd_ps(aw, d0, acc2[i][0]);
        acc2[i][1] = _mm512_fmadd_ps(aw, d1, acc2[i][1]);
        acc2[i][2] = _mm512_fmadd_ps(aw, d2, acc2[i][2]);
      }
    }
  }
  for (; k < t.kc; ++k, b += kPanel) {
    const __m512 b0 = _mm512_loadu_ps(b), b1 = _mm512_loadu_ps(b + 16), b2 = _mm512_loadu_ps(b + 32);
#pragma GCC unroll 8
    for (int i = 0; i < MR; ++i) {
      const __m512 av = _mm512_set1_ps(a[i * lda + k]);
      acc[i][0] = _mm512_fmadd_ps(av, b0, acc[i][0]);
      acc[i][1] = _mm512_fmadd_ps(av, b1, acc[i][1]);
      acc[i][2] = _mm512_fmadd_ps(av, b2, acc[i][2]);
    }
  }
  if constexpr (kSplit)
#pragma GCC unroll 8
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 3
      for (int g = 0; g < 3; ++g) acc[i][g] = _mm512_add_ps(acc[i][g], acc2[i][g]);
  store_tile<MR>(acc, t);
}

// bf16 weights widened on the fly (exact: a bf16 is the high half of an f32), activations stay f32.
template <int MR>
void kernel_bf16(const TileArgs& t) {
  constexpr bool kSplit = MR <= 4;
  __m512 acc[MR][3], acc2[kSplit ? MR : 1][3];
#pragma GCC unroll 8
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 3
    for (int g = 0; g < 3; ++g) acc[i][g] = _mm512_setzero_ps();
  if constexpr (kSplit)
#pragma GCC unroll 8
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 3
      for (int g = 0; g < 3; ++g) acc2[i][g] = _mm512_setzero_ps();
  const std::uint32_t* b = static_cast<const std::uint32_t*>(t.b);
  const float* a = t.a;
  const i64 lda = t.lda;
  const __m512i hi_mask = _mm512_set1_epi32(static_cast<int>(0xFFFF0000u));
  i64 k = 0;
  for (; k + 1 < t.kc; k += 2, b += kPanel) {
    __m512 lo[3], hi[3];
#pragma GCC unroll 3
    for (int g = 0; g < 3; ++g) {
      const __m512i x = _mm512_loadu_si512(b + 16 * g);
      lo[g] = _mm512_castsi512_ps(_mm512_slli_epi32(x, 16));
      hi[g] = _mm512_castsi512_ps(_mm512_and_si512(x, hi_mask));
    }
#pragma GCC unroll 8
    for (int i = 0; i < MR; ++i) {
      const __m512 av = _mm512_set1_ps(a[i * lda + k]);
      const __m512 aw = _mm512_set1_ps(a[i * lda + k + 1]);
#pragma GCC unroll 3
      for (int g = 0; g < 3; ++g) {
        acc[i][g] = _mm512_fmadd_ps(av, lo[g], acc[i][g]);
        if constexpr (kSplit)
          acc2[i][g] = _mm512_fmadd_ps(aw, hi[g], acc2[i][g]);
        else
          acc[i][g] = _mm512_fmadd_ps(aw, hi[g], acc[i][g]);
      }
    }
  }
  if (k < t.kc) {  // odd K: the high halves of the last words are zero padding
#pragma GCC unroll 3
    for (int g = 0; g < 3; ++g) {
      const __m512 lo = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_loadu_si512(b + 16 * g), 16));
#pragma GCC unroll 8
      for (int i = 0; i < MR; ++i) acc[i][g] = _mm512_fmadd_ps(_mm512_set1_ps(a[i * lda + k]), lo, acc[i][g]);
    }
  }
  if constexpr (kSplit)
#pragma GCC unroll 8
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 3
      for (int g = 0; g < 3; ++g) acc[i][g] = _mm512_add_ps(acc[i][g], acc2[i][g]);
  store_tile<MR>(acc, t);
}

// bf16 weights × bf16 activations with vdpbf16ps (2 products per lane per instruction), f32 accumulate.
// t.a points at the activations already rounded to bf16 pairs (uint32 per k pair), t.lda in words.
template <int MR>
void kernel_dot_bf16(const TileArgs& t) {
  __m512 acc[MR][3];
#pragma GCC unroll 8
  for (int i = 0; i < MR; ++i)
#pragma GCC unroll 3
    for (int g = 0; g < 3; ++g) acc[i][g] = _mm512_setzero_ps();
  const std::uint32_t* b = static_cast<const std::uint32_t*>(t.b);
  const std::uint32_t* a = reinterpret_cast<const std::uint32_t*>(t.a);
  const i64 lda = t.lda, k2 = (t.kc + 1) / 2;
  for (i64 kp = 0; kp < k2; ++kp, b += kPanel) {
    const __m512bh x0 = (__m512bh)_mm512_loadu_si512(b), x1 = (__m512bh)_mm512_loadu_si512(b + 16),
                   x2 = (__m512bh)_mm512_loadu_si512(b + 32);
#pragma GCC unroll 8
    for (int i = 0; i < MR; ++i) {
      const __m512bh av = (__m512bh)_mm512_set1_epi32(static_cast<int>(a[i * lda + kp]));
      acc[i][0] = _mm512_dpbf16_ps(acc[i][0], av, x0);
      acc[i][1] = _mm512_dpbf16_ps(acc[i][1], av, x1);
      acc[i][2] = _mm512_dpbf16_ps(acc[i][2], av, x2);
    }
  }
  store_tile<MR>(acc, t);
}

enum class Kind { kF32, kBF16, kDotBF16 };

template <Kind K>
void run_tile(int rows, const TileArgs& t) {
  switch (rows) {
#define AUTOCLASS_TILE(R) \
  case R: return K == Kind::kBF16 ? kernel_bf16<R>(t) : K == Kind::kDotBF16 ? kernel_dot_bf16<R>(t) : kernel_f32<R>(t);
    AUTOCLASS_TILE(1) AUTOCLASS_TILE(2) AUTOCLASS_TILE(3) AUTOCLASS_TILE(4)
    AUTOCLASS_TILE(5) AUTOCLASS_TILE(6) AUTOCLASS_TILE(7) AUTOCLASS_TILE(8)
#undef AUTOCLASS_TILE
    default: break;
  }
}

// ---- drivers ------------------------------------------------------------------------------------

struct Problem {
  const float* a;
  i64 lda, m, n, k, ldc;
  const void* packed;
  float* c;
  const Epilogue* epi;
};

template <Kind K>
void run_block(const Problem& P, i64 m0, i64 m1, i64 p0, i64 p1) {
  constexpr bool BF16 = K != Kind::kF32;
  // K == 0 still runs one (empty) block so C gets beta·C + bias.
  i64 kc_max = P.k == 0 ? 1 : P.k;
  if (P.m > kMR && P.k > kKC) {
    const i64 blocks = (P.k + kKC - 1) / kKC;
    kc_max = ((P.k + blocks - 1) / blocks + 1) / 2 * 2;
  }
  const i64 k2 = (P.k + 1) / 2;  // bf16 words per panel row
  for (i64 mc0 = m0; mc0 < m1; mc0 += kMC) {
    const i64 mc1 = imin(mc0 + kMC, m1);
    for (i64 k0 = 0; k0 == 0 || k0 < P.k; k0 += kc_max) {
      const i64 kc = imin(kc_max, P.k - k0);
      for (i64 p = p0; p < p1; ++p) {
        TileArgs t;
        t.kc = kc;
        t.lda = P.lda;
        t.ldc = P.ldc;
        t.ncols = static_cast<int>(imin(kPanel, P.n - p * kPanel));
        t.first = k0 == 0;
        t.last = k0 + kc >= P.k;
        t.bias = P.epi->bias ? P.epi->bias + p * kPanel : nullptr;
        t.epi = P.epi;
        if constexpr (BF16)
          t.b = static_cast<const std::uint32_t*>(P.packed) + (p * k2 + k0 / 2) * kPanel;
        else
          t.b = static_cast<const float*>(P.packed) + (p * P.k + k0) * kPanel;
        for (i64 i = mc0; i < mc1; i += kMR) {
          if constexpr (K == Kind::kDotBF16)  // P.a holds bf16 pairs: row stride lda words, k0 even
            t.a = reinterpret_cast<const float*>(reinterpret_cast<const std::uint32_t*>(P.a) + i * P.lda + k0 / 2);
          else
            t.a = P.a + i * P.lda + k0;
          t.c = P.c + i * P.ldc + p * kPanel;
          run_tile<K>(static_cast<int>(imin(kMR, mc1 - i)), t);
        }
      }
    }
  }
}

template <Kind K>
void run(const Problem& P, bool parallel) {
  const i64 np = panels(P.n);
  const double flops = 2.0 * static_cast<double>(P.m) * static_cast<double>(P.n) * static_cast<double>(P.k);
  if (!parallel || flops < 4e5) return run_block<K>(P, 0, P.m, 0, np);
  const i64 tiles = (P.m + kMR - 1) / kMR;
  if (np >= 8 || tiles < 2) {
    parallel_for(np, [&](i64 b, i64 e) { run_block<K>(P, 0, P.m, b, e); });
  } else {
    parallel_for(tiles, [&](i64 b, i64 e) { run_block<K>(P, b * kMR, imin(e * kMR, P.m), 0, np); });
  }
}

// Columns [j0, j1) of the small-m product.
void small_m_range(const float* a, i64 lda, i64 m, const float* b, i64 ldb, bool bt, i64 j0, i64 j1, i64 k, float* c,
                   i64 ldc, float alpha, float beta) {
  for (i64 i = 0; i < m; ++i) {
    const float* arow = a + i * lda;
    float* crow = c + i * ldc;
    if (bt) {  // dot products of A's row with B's rows
      i64 j = j0;
      for (; j < j1; ++j) {
        const float* brow = b + j * ldb;
        __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
        i64 kk = 0;
        for (; kk + 32 <= k; kk += 32) {
          s0 = _mm512_fmadd_ps(_mm512_loadu_ps(arow + kk), _mm512_loadu_ps(brow + kk), s0);
          s1 = _mm512_fmadd_ps(_mm512_loadu_ps(arow + kk + 16), _mm512_loadu_ps(brow + kk + 16), s1);
        }
        for (; kk < k; kk += 16) {
          const __mmask16 mk = tail_mask(static_cast<int>(k - kk));
          s0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mk, arow + kk), _mm512_maskz_loadu_ps(mk, brow + kk), s0);
        }
        float v = alpha * _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
        if (beta != 0.0f) v += beta * crow[j];
        crow[j] = v;
      }
      continue;
    }
    for (i64 jb = j0; jb < j1; jb += 64) {  // axpy rows of B into 4 vectors of C
      __mmask16 mk[4];
      __m512 acc[4];
      for (int g = 0; g < 4; ++g) {
        mk[g] = tail_mask(static_cast<int>(j1 - jb - 16 * g));
        acc[g] = _mm512_setzero_ps();
      }
      for (i64 kk = 0; kk < k; ++kk) {
        const __m512 av = _mm512_set1_ps(arow[kk]);
        const float* brow = b + kk * ldb + jb;
#pragma GCC unroll 4
        for (int g = 0; g < 4; ++g)
          acc[g] = _mm512_fmadd_ps(av, _mm512_maskz_loadu_ps(mk[g], brow + 16 * g), acc[g]);
      }
      for (int g = 0; g < 4; ++g) {
        if (!mk[g]) continue;
        __m512 v = _mm512_mul_ps(_mm512_set1_ps(alpha), acc[g]);
        if (beta != 0.0f) v = _mm512_fmadd_ps(_mm512_set1_ps(beta), _mm512_maskz_loadu_ps(mk[g], crow + jb + 16 * g), v);
        _mm512_mask_storeu_ps(crow + jb + 16 * g, mk[g], v);
      }
    }
  }
}

}  // namespace

void gemm_small_m(const float* a, i64 lda, i64 m, const float* b, i64 ldb, bool bt, i64 n, i64 k, float* c, i64 ldc,
                  float alpha, float beta, bool parallel) {
  if (m <= 0 || n <= 0) return;
  if (!parallel || static_cast<double>(m) * n * k < 2e5) return small_m_range(a, lda, m, b, ldb, bt, 0, n, k, c, ldc, alpha, beta);
  const i64 chunks = (n + 63) / 64;  // keep 64-column blocks whole
  parallel_for(chunks, [&](i64 cb, i64 ce) {
    small_m_range(a, lda, m, b, ldb, bt, cb * 64, imin(ce * 64, n), k, c, ldc, alpha, beta);
  });
}

void pack_f32(const float* src, i64 sn, i64 sk, i64 n, i64 k, float* dst) {
  const i64 np = panels(n);
  for (i64 p = 0; p < np; ++p) {
    const i64 cols = imin(kPanel, n - p * kPanel);
    float* out = dst + p * k * kPanel;
    const float* in = src + p * kPanel * sn;
    if (sn == 1) {  // B[K, N] row-major: each k is a contiguous run
      for (i64 kk = 0; kk < k; ++kk) {
        const __mmask16 m0 = tail_mask(static_cast<int>(cols)), m1 = tail_mask(static_cast<int>(cols - 16)),
                        m2 = tail_mask(static_cast<int>(cols - 32));
        const float* row = in + kk * sk;
        _mm512_storeu_ps(out + kk * kPanel, _mm512_maskz_loadu_ps(m0, row));
        _mm512_storeu_ps(out + kk * kPanel + 16, _mm512_maskz_loadu_ps(m1, row + 16));
        _mm512_storeu_ps(out + kk * kPanel + 32, _mm512_maskz_loadu_ps(m2, row + 32));
      }
      continue;
    }
    // W[N, K]: gather the 48 rows' k-th values (the 48 source lines stay in L1 across 16 k's); scalar
    // strided stores were 10× slower.
    __m512i idx[3];
    __mmask16 mk[3];
    for (int g = 0; g < 3; ++g) {
      idx[g] = _mm512_mullo_epi32(_mm512_add_epi32(_mm512_set1_epi32(16 * g), _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)),
                                  _mm512_set1_epi32(static_cast<int>(sn)));
      mk[g] = tail_mask(static_cast<int>(cols - 16 * g));
    }
    for (i64 kk = 0; kk < k; ++kk)
      for (int g = 0; g < 3; ++g)
        _mm512_storeu_ps(out + kk * kPanel + 16 * g,
                         _mm512_mask_i32gather_ps(_mm512_setzero_ps(), mk[g], idx[g], in + kk * sk, 4));
  }
}

void pack_bf16(const std::uint16_t* src, i64 n, i64 k, std::uint32_t* dst) {
  const i64 np = panels(n), k2 = (k + 1) / 2;
  for (i64 p = 0; p < np; ++p) {
    const i64 cols = imin(kPanel, n - p * kPanel);
    std::uint32_t* out = dst + p * k2 * kPanel;
    // A k pair of row j is the little-endian 32-bit word at row + 2kp: gather 16 rows' words at once
    // (as in pack_f32). With odd k the last pair would read past the row, so it is done by hand.
    const std::uint16_t* base = src + p * kPanel * k;
    const i64 full = k / 2;
    __m512i idx[3];
    __mmask16 mk[3];
    for (int g = 0; g < 3; ++g) {
      idx[g] = _mm512_mullo_epi32(_mm512_add_epi32(_mm512_set1_epi32(16 * g), _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)),
                                  _mm512_set1_epi32(static_cast<int>(2 * k)));  // byte offset of row j
      mk[g] = tail_mask(static_cast<int>(cols - 16 * g));
    }
    for (i64 kp = 0; kp < full; ++kp)
      for (int g = 0; g < 3; ++g)
        _mm512_storeu_si512(out + kp * kPanel + 16 * g,
                            _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), mk[g], idx[g], base + 2 * kp, 1));
    if (full < k2)
      for (i64 j = 0; j < kPanel; ++j) out[full * kPanel + j] = j < cols ? base[j * k + 2 * full] : 0u;
  }
}

namespace {
// f32 → bf16 bits in the low half of each lane: round to nearest even, NaN kept quiet (the same rule
// as autoclass::f32_to_bf16, so packing from f32 or from a converted tensor gives identical bits).
inline __m512i bf16_bits(__m512 v) {
  const __m512i bits = _mm512_castps_si512(v);
  const __m512i lsb = _mm512_and_si512(_mm512_srli_epi32(bits, 16), _mm512_set1_epi32(1));
  const __m512i rounded = _mm512_srli_epi32(_mm512_add_epi32(bits, _mm512_add_epi32(lsb, _mm512_set1_epi32(0x7FFF))), 16);
  const __mmask16 nan = _mm512_cmpgt_epu32_mask(_mm512_and_si512(bits, _mm512_set1_epi32(0x7FFFFFFF)), _mm512_set1_epi32(0x7F800000));
  const __m512i quiet = _mm512_or_si512(_mm512_srli_epi32(bits, 16), _mm512_set1_epi32(0x40));
  return _mm512_mask_blend_epi32(nan, rounded, quiet);
}
}  // namespace

void pack_bf16_from_f32(const float* src, i64 n, i64 k, std::uint32_t* dst) {
  const i64 np = panels(n), k2 = (k + 1) / 2;
  for (i64 p = 0; p < np; ++p) {
    const i64 cols = imin(kPanel, n - p * kPanel);
    std::uint32_t* out = dst + p * k2 * kPanel;
    const float* base = src + p * kPanel * k;
    __m512i idx[3];
    __mmask16 mk[3];
    for (int g = 0; g < 3; ++g) {
      idx[g] = _mm512_mullo_epi32(_mm512_add_epi32(_mm512_set1_epi32(16 * g), _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)),
                                  _mm512_set1_epi32(static_cast<int>(k)));
      mk[g] = tail_mask(static_cast<int>(cols - 16 * g));
    }
    for (i64 kp = 0; kp < k2; ++kp)
      for (int g = 0; g < 3; ++g) {
        const __m512 lo = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), mk[g], idx[g], base + 2 * kp, 4);
        const __m512 hi = 2 * kp + 1 < k ? _mm512_mask_i32gather_ps(_mm512_setzero_ps(), mk[g], idx[g], base + 2 * kp + 1, 4)
                                         : _mm512_setzero_ps();
        _mm512_storeu_si512(out + kp * kPanel + 16 * g,
                            _mm512_or_si512(bf16_bits(lo), _mm512_slli_epi32(bf16_bits(hi), 16)));
      }
  }
}

void gemm_f32(const float* a, i64 lda, i64 m, const float* packed, i64 n, i64 k, float* c, i64 ldc,
              const Epilogue& epi, bool parallel) {
  if (m <= 0 || n <= 0) return;
  run<Kind::kF32>(Problem{a, lda, m, n, k, ldc, packed, c, &epi}, parallel);
}

void gemm_bf16(const float* a, i64 lda, i64 m, const std::uint32_t* packed, i64 n, i64 k, float* c, i64 ldc,
               const Epilogue& epi, bool parallel) {
  if (m <= 0 || n <= 0) return;
  run<Kind::kBF16>(Problem{a, lda, m, n, k, ldc, packed, c, &epi}, parallel);
}

void round_rows_bf16(const float* a, i64 lda, i64 m, i64 k, std::uint32_t* dst) {
  const i64 k2 = (k + 1) / 2;
  for (i64 i = 0; i < m; ++i) {
    const float* row = a + i * lda;
    auto* out = reinterpret_cast<std::uint16_t*>(dst + i * k2);
    for (i64 kk = 0; kk < k; kk += 16) {
      const __mmask16 mk = tail_mask(static_cast<int>(k - kk));
      _mm256_mask_storeu_epi16(out + kk, mk, (__m256i)_mm512_cvtneps_pbh(_mm512_maskz_loadu_ps(mk, row + kk)));
    }
    if (k % 2) out[k] = 0;  // pad the last pair
  }
}

void gemm_dot_bf16(const std::uint32_t* a_bf16, i64 m, const std::uint32_t* packed, i64 n, i64 k, float* c, i64 ldc,
                   const Epilogue& epi, bool parallel) {
  if (m <= 0 || n <= 0) return;
  run<Kind::kDotBF16>(Problem{reinterpret_cast<const float*>(a_bf16), (k + 1) / 2, m, n, k, ldc, packed, c, &epi}, parallel);
}

void activate(float* x, i64 count, Activation act) {
  if (act == Activation::kNone) return;
  activate_row(x, count, act);
}

}  // namespace autoclass::kernels::avx512

#endif  // AUTOCLASS_NO_AVX512
