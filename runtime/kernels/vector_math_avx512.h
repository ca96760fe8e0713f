// AVX-512 vector math for the GEMM activation epilogue (HF activations.py: GELUActivation = erf form,
// NewGELUActivation / PytorchGELUTanh = tanh form, ReLU). Include only from a translation unit compiled
// with AVX-512 flags (gemm_avx512.cpp); everything here has internal linkage.
#pragma once

#include <immintrin.h>

#include "runtime/kernels/gemm_avx512.h"

namespace autoclass::kernels::avx512 {
namespace {

// exp(x) for float: range reduction by ln2, degree-7 Taylor on |r| <= ln2/2 (error < 1e-8 relative),
// scaled with vscalefps (handles overflow to inf and underflow to 0).
inline __m512 exp_ps(__m512 x) {
  x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(88.7f)), _mm512_set1_ps(-103.0f));
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                        _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145751953125f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.428606765330187e-06f), r);
  __m512 p = _mm512_set1_ps(1.0f / 5040);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 720));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  return _mm512_scalef_ps(p, n);
}

// erfc(z) for z >= 0 (Numerical Recipes' Chebyshev fit, fractional error < 1.2e-7).
inline __m512 erfc_nonneg_ps(__m512 z) {
  const __m512 t = _mm512_div_ps(_mm512_set1_ps(1.0f), _mm512_fmadd_ps(_mm512_set1_ps(0.5f), z, _mm512_set1_ps(1.0f)));
  __m512 p = _mm512_set1_ps(0.17087277f);
  p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(-0.82215223f));
  p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(1.48851587f));
  p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(-1.13520398f));
  p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(0.27886807f));
  p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(-0.18628806f));
  p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(0.09678418f));
  p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(0.37409196f));
  p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(1.00002368f));
  p = _mm512_fmadd_ps(p, t, _mm512_set1_ps(-1.26551223f));
  p = _mm512_fnmadd_ps(z, z, p);  // -z² + poly
  return _mm512_mul_ps(t, exp_ps(p));
}

// GELU(x) = x/2 · (1 + erf(x/√2)) = x/2 · erfc(-x/√2); written with erfc so both tails keep
// relative accuracy (modeling_bert.py "gelu" = torch.nn.functional.gelu).
inline __m512 gelu_erf_ps(__m512 x) {
  const __m512 z = _mm512_mul_ps(x, _mm512_set1_ps(-0.70710678118654752f));
  const __m512 az = _mm512_abs_ps(z);
  const __m512 e = erfc_nonneg_ps(az);  // erfc(|z|)
  const __mmask16 neg = _mm512_cmp_ps_mask(z, _mm512_setzero_ps(), _CMP_LT_OQ);
  const __m512 ec = _mm512_mask_sub_ps(e, neg, _mm512_set1_ps(2.0f), e);  // erfc(z) = 2 - erfc(-z) for z < 0
  return _mm512_mul_ps(_mm512_mul_ps(_mm512_set1_ps(0.5f), x), ec);
}

// gelu_new / gelu_pytorch_tanh: x/2 · (1 + tanh(u)), u = √(2/π)(x + 0.044715 x³), rewritten as the
// identity x · sigmoid(2u) = x / (1 + e^{-2u}), which avoids the cancellation of 1 + tanh for x < 0.
inline __m512 gelu_tanh_ps(__m512 x) {
  const __m512 x3 = _mm512_mul_ps(_mm512_mul_ps(x, x), x);
  const __m512 u = _mm512_mul_ps(_mm512_set1_ps(0.7978845608028654f), _mm512_fmadd_ps(_mm512_set1_ps(0.044715f), x3, x));
  const __m512 e = exp_ps(_mm512_mul_ps(_mm512_set1_ps(-2.0f), u));
  return _mm512_div_ps(x, _mm512_add_ps(_mm512_set1_ps(1.0f), e));
}

inline __m512 activate_ps(__m512 v, Activation act) {
  switch (act) {
    case Activation::kGeluErf: return gelu_erf_ps(v);
    case Activation::kGeluTanh: return gelu_tanh_ps(v);
    case Activation::kRelu: return _mm512_max_ps(v, _mm512_setzero_ps());
    case Activation::kNone: break;
  }
  return v;
}

}  // namespace
}  // namespace autoclass::kernels::avx512
