// LinearWeight / gemm dispatch: AVX-512 packed kernels (gemm_avx512.cpp) when the CPU has them, the
// portable OpenBLAS path otherwise. Every HF nn.Linear / Conv1D (modeling_bert.py, modeling_gpt2.py,
// modeling_llama.py, ...) is y = x·Wᵀ + b, computed here.
#include "runtime/kernels/linear.h"

#include <cblas.h>
#include <sys/mman.h>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/kernels/cpu_features.h"
#include "runtime/kernels/gemm_avx512.h"

namespace autoclass::kernels {
namespace {

std::atomic<int> g_threads{0};
std::once_flag g_threads_once;

bool simd_default() {
  const char* env = std::getenv("AUTOCLASS_KERNELS");
  if (env && std::string(env) == "portable") return false;
  return cpu_has_avx512();
}
std::atomic<bool>& simd_flag() {
  static std::atomic<bool> flag{simd_default()};
  return flag;
}
bool simd() { return simd_flag().load(std::memory_order_relaxed); }

avx512::Activation to_avx512(Activation act) {
  switch (act) {
    case Activation::kGelu: return avx512::Activation::kGeluErf;
    case Activation::kGeluTanh: return avx512::Activation::kGeluTanh;
    case Activation::kRelu: return avx512::Activation::kRelu;
    case Activation::kNone: break;
  }
  return avx512::Activation::kNone;
}

void activate_portable(float* x, std::int64_t count, Activation act) {
  switch (act) {
    case Activation::kGelu:
      for (std::int64_t i = 0; i < count; ++i) x[i] = 0.5f * x[i] * std::erfc(-x[i] * 0.70710678118654752f);
      return;
    case Activation::kGeluTanh:
      for (std::int64_t i = 0; i < count; ++i) {
        const float v = x[i];
        x[i] = 0.5f * v * (1.0f + std::tanh(0.7978845608028654f * (v + 0.044715f * v * v * v)));
      }
      return;
    case Activation::kRelu:
      for (std::int64_t i = 0; i < count; ++i) x[i] = x[i] > 0.0f ? x[i] : 0.0f;
      return;
    case Activation::kNone: return;
  }
}

// 64-byte aligned, immutable once filled; shared between copies of a LinearWeight. Large buffers are
// 2 MiB aligned and asked for transparent huge pages: fewer page faults while packing (slow in a VM) and
// fewer TLB misses while streaming the weights in decode.
std::shared_ptr<void> aligned_buffer(std::size_t bytes) {
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  const std::size_t align = bytes >= 2 * kHuge ? kHuge : 64;
  const std::size_t rounded = bytes == 0 ? align : (bytes + align - 1) / align * align;
  void* p = std::aligned_alloc(align, rounded);
  if (!p) throw Error(ErrorKind::kInvalidArgument, "out of memory packing a linear weight (" + std::to_string(bytes) + " bytes)");
#ifdef MADV_HUGEPAGE
  if (align == kHuge) madvise(p, rounded, MADV_HUGEPAGE);  // advisory; failure is harmless
#endif
  return std::shared_ptr<void>(p, [](void* q) { std::free(q); });
}

// Scratch for packing gemm()'s B operand, one per thread.
std::vector<float>& pack_scratch(std::size_t count) {
  thread_local std::vector<float> buf;
  if (buf.size() < count) buf.resize(count);
  return buf;
}

// Activations rounded to bf16 pairs for kBF16Dot, one buffer per calling thread.
std::vector<std::uint32_t>& bf16_scratch(std::size_t count) {
  thread_local std::vector<std::uint32_t> buf;
  if (buf.size() < count) buf.resize(count);
  return buf;
}

int threads_from_env() {
  const char* env = std::getenv("AUTOCLASS_NUM_THREADS");
  int n = env ? std::atoi(env) : 0;
  if (n <= 0) n = static_cast<int>(std::thread::hardware_concurrency());
  return n > 0 ? n : 1;
}

}  // namespace

void set_num_threads(int n) {
  std::call_once(g_threads_once, [] {});  // an explicit setting wins over the env default
  n = n > 0 ? n : 1;
  g_threads.store(n);
  openblas_set_num_threads(n);
  detail::resize_pool(n);
}

int num_threads() {
  std::call_once(g_threads_once, [] {
    const int n = threads_from_env();
    g_threads.store(n);
    openblas_set_num_threads(n);
    detail::resize_pool(n);
  });
  return g_threads.load();
}

const char* backend_name() { return simd() ? "avx512" : "portable"; }

void set_simd_enabled(bool enabled) { simd_flag().store(enabled && cpu_has_avx512()); }

void activate(float* x, std::int64_t count, Activation act) {
  if (act == Activation::kNone || count <= 0) return;
  if (cpu_has_avx512()) return avx512::activate(x, count, to_avx512(act));
  activate_portable(x, count, act);
}

LinearWeight::LinearWeight(const Tensor& weight, const Tensor& bias, WeightPrecision precision) : precision_(precision) {
  if (weight.ndim() != 2) throw Error(ErrorKind::kInvalidArgument, "linear weight must be 2-D, got " + shape_string(weight.shape()));
  out_ = weight.dim(0);
  in_ = weight.dim(1);
  if (!bias.empty()) {
    if (bias.numel() != out_) throw Error(ErrorKind::kInvalidArgument, "linear bias has " + std::to_string(bias.numel()) + " values, expected " + std::to_string(out_));
    bias_ = bias.to(DType::kF32).clone();
  }
  // Own the memory: weights read straight from a large mmap get evicted and re-read.
  if (simd()) {
    if (precision != WeightPrecision::kF32) {
      auto buf = aligned_buffer(avx512::packed_bf16_words(out_, in_) * sizeof(std::uint32_t));
      auto* dst = static_cast<std::uint32_t*>(buf.get());
      if (weight.dtype() == DType::kF32) {
        avx512::pack_bf16_from_f32(weight.data<float>(), out_, in_, dst);
      } else {
        const Tensor w16 = weight.to(DType::kBF16);  // no-op for bf16 checkpoints
        avx512::pack_bf16(static_cast<const std::uint16_t*>(w16.raw()), out_, in_, dst);
      }
      packed_ = std::move(buf);
    } else {
      const Tensor w32 = weight.to(DType::kF32);
      auto buf = aligned_buffer(avx512::packed_f32_count(out_, in_) * sizeof(float));
      avx512::pack_f32(w32.data<float>(), in_, 1, out_, in_, static_cast<float*>(buf.get()));
      packed_ = std::move(buf);
    }
    return;
  }
  // Portable: f32 for OpenBLAS; bf16 weights are rounded to bf16 first so both paths compute the same.
  weight_ = (precision != WeightPrecision::kF32 ? weight.to(DType::kBF16) : weight).to(DType::kF32).clone();
}

LinearWeight LinearWeight::from_transposed(const Tensor& w, const Tensor& bias, WeightPrecision precision) {
  if (w.ndim() != 2) throw Error(ErrorKind::kInvalidArgument, "Conv1D weight must be 2-D, got " + shape_string(w.shape()));
  const Tensor f = w.to(DType::kF32);
  const std::int64_t in = w.dim(0), out = w.dim(1);
  Tensor t(DType::kF32, {out, in});
  float* dst = t.data_mut<float>();
  const float* src = f.data<float>();
  // Blocked transpose: both sides stay in cache for GPT-2-sized matrices.
  constexpr std::int64_t kB = 64;
  for (std::int64_t i0 = 0; i0 < in; i0 += kB)
    for (std::int64_t o0 = 0; o0 < out; o0 += kB)
      for (std::int64_t i = i0; i < std::min(in, i0 + kB); ++i)
        for (std::int64_t o = o0; o < std::min(out, o0 + kB); ++o) dst[o * in + i] = src[i * out + o];
  return LinearWeight(t, bias, precision);
}

Tensor LinearWeight::weight() const {
  if (!packed_) return precision_ != WeightPrecision::kF32 ? weight_.to(DType::kBF16) : weight_;
  const std::int64_t kp = avx512::kPanel;
  if (precision_ != WeightPrecision::kF32) {
    Tensor t(DType::kBF16, {out_, in_});
    auto* dst = static_cast<std::uint16_t*>(t.raw_mut());
    const auto* src = static_cast<const std::uint32_t*>(packed_.get());
    const std::int64_t k2 = (in_ + 1) / 2;
    for (std::int64_t o = 0; o < out_; ++o)
      for (std::int64_t i = 0; i < in_; ++i) {
        const std::uint32_t word = src[((o / kp) * k2 + i / 2) * kp + o % kp];
        dst[o * in_ + i] = static_cast<std::uint16_t>(i % 2 ? word >> 16 : word & 0xFFFFu);
      }
    return t;
  }
  Tensor t(DType::kF32, {out_, in_});
  float* dst = t.data_mut<float>();
  const auto* src = static_cast<const float*>(packed_.get());
  for (std::int64_t o = 0; o < out_; ++o)
    for (std::int64_t i = 0; i < in_; ++i) dst[o * in_ + i] = src[((o / kp) * in_ + i) * kp + o % kp];
  return t;
}

void LinearWeight::forward(const float* x, std::int64_t rows, float* y, std::int64_t ldx, std::int64_t ldy) const {
  forward(x, rows, y, Activation::kNone, ldx, ldy);
}

void LinearWeight::forward(const float* x, std::int64_t rows, float* y, Activation act, std::int64_t ldx,
                           std::int64_t ldy) const {
  num_threads();
  if (rows <= 0 || out_ == 0) return;
  if (ldx == 0) ldx = in_;
  if (ldy == 0) ldy = out_;
  if (ldx < in_ || ldy < out_)
    throw Error(ErrorKind::kInvalidArgument, "linear forward: leading dims (" + std::to_string(ldx) + ", " + std::to_string(ldy) +
                                                 ") smaller than in/out features (" + std::to_string(in_) + ", " + std::to_string(out_) + ")");
  if (packed_) {
    avx512::Epilogue epi;
    epi.bias = bias_.empty() ? nullptr : bias_.data<float>();
    epi.act = to_avx512(act);
    if (precision_ == WeightPrecision::kBF16Dot && cpu_has_avx512_bf16()) {
      std::vector<std::uint32_t>& a16 = bf16_scratch(static_cast<std::size_t>(rows * ((in_ + 1) / 2)));
      avx512::round_rows_bf16(x, ldx, rows, in_, a16.data());
      avx512::gemm_dot_bf16(a16.data(), rows, static_cast<const std::uint32_t*>(packed_.get()), out_, in_, y, ldy, epi, true);
    } else if (precision_ != WeightPrecision::kF32)
      avx512::gemm_bf16(x, ldx, rows, static_cast<const std::uint32_t*>(packed_.get()), out_, in_, y, ldy, epi, true);
    else
      avx512::gemm_f32(x, ldx, rows, static_cast<const float*>(packed_.get()), out_, in_, y, ldy, epi, true);
    return;
  }
  if (weight_.empty()) throw Error(ErrorKind::kInvalidArgument, "linear forward on an empty LinearWeight");
  const float* w = weight_.data<float>();
  if (!bias_.empty())
    for (std::int64_t r = 0; r < rows; ++r) std::memcpy(y + r * ldy, bias_.data<float>(), sizeof(float) * out_);
  const float beta = bias_.empty() ? 0.0f : 1.0f;
  if (rows == 1) {
    cblas_sgemv(CblasRowMajor, CblasNoTrans, static_cast<int>(out_), static_cast<int>(in_), 1.0f, w,
                static_cast<int>(in_), x, 1, beta, y, 1);
  } else {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows), static_cast<int>(out_),
                static_cast<int>(in_), 1.0f, x, static_cast<int>(ldx), w, static_cast<int>(in_), beta, y,
                static_cast<int>(ldy));
  }
  if (act != Activation::kNone)
    for (std::int64_t r = 0; r < rows; ++r) activate_portable(y + r * ldy, out_, act);
}

Tensor LinearWeight::forward(const Tensor& x2d, Activation act) const {
  if (x2d.ndim() != 2 || x2d.dim(1) != in_)
    throw Error(ErrorKind::kInvalidArgument, "linear input " + shape_string(x2d.shape()) + " does not match in_features " + std::to_string(in_));
  const Tensor x = x2d.to(DType::kF32);
  Tensor y(DType::kF32, {x.dim(0), out_});
  forward(x.data<float>(), x.dim(0), y.data_mut<float>(), act);
  return y;
}

namespace {

// One gemm on the calling thread (`parallel` = may use the pool).
void gemm_one(const float* a, const float* b, float* c, std::int64_t m, std::int64_t n, std::int64_t k, bool b_transposed,
              float alpha, float beta, std::int64_t lda, std::int64_t ldb, std::int64_t ldc, bool parallel) {
  if (m <= 0 || n <= 0) return;
  if (simd() && m <= avx512::kSmallM) {
    avx512::gemm_small_m(a, lda, m, b, ldb, b_transposed, n, k, c, ldc, alpha, beta, parallel);
    return;
  }
  if (simd()) {
    std::vector<float>& buf = pack_scratch(avx512::packed_f32_count(n, k));
    if (b_transposed)
      avx512::pack_f32(b, ldb, 1, n, k, buf.data());
    else
      avx512::pack_f32(b, 1, ldb, n, k, buf.data());
    avx512::Epilogue epi;
    epi.alpha = alpha;
    epi.beta = beta;
    avx512::gemm_f32(a, lda, m, buf.data(), n, k, c, ldc, epi, parallel);
    return;
  }
  cblas_sgemm(CblasRowMajor, CblasNoTrans, b_transposed ? CblasTrans : CblasNoTrans, static_cast<int>(m),
              static_cast<int>(n), static_cast<int>(k), alpha, a, static_cast<int>(lda), b, static_cast<int>(ldb), beta,
              c, static_cast<int>(ldc));
}

}  // namespace

void gemm(const float* a, const float* b, float* c, std::int64_t m, std::int64_t n, std::int64_t k, bool b_transposed,
          float alpha, float beta, std::int64_t lda, std::int64_t ldb, std::int64_t ldc) {
  num_threads();
  if (lda == 0) lda = k;
  if (ldb == 0) ldb = b_transposed ? k : n;
  if (ldc == 0) ldc = n;
  gemm_one(a, b, c, m, n, k, b_transposed, alpha, beta, lda, ldb, ldc, true);
}

void gemm_batched(std::int64_t batch, const float* a, std::int64_t stride_a, const float* b, std::int64_t stride_b,
                  float* c, std::int64_t stride_c, std::int64_t m, std::int64_t n, std::int64_t k, bool b_transposed,
                  float alpha, float beta, std::int64_t lda, std::int64_t ldb, std::int64_t ldc) {
  num_threads();
  if (lda == 0) lda = k;
  if (ldb == 0) ldb = b_transposed ? k : n;
  if (ldc == 0) ldc = n;
  if (!simd()) {  // OpenBLAS threads inside each call
    for (std::int64_t i = 0; i < batch; ++i)
      gemm_one(a + i * stride_a, b + i * stride_b, c + i * stride_c, m, n, k, b_transposed, alpha, beta, lda, ldb, ldc, true);
    return;
  }
  parallel_for(batch, [&](std::int64_t begin, std::int64_t end) {
    for (std::int64_t i = begin; i < end; ++i)
      gemm_one(a + i * stride_a, b + i * stride_b, c + i * stride_c, m, n, k, b_transposed, alpha, beta, lda, ldb, ldc, false);
  });
}

}  // namespace autoclass::kernels
