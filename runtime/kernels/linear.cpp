#include "runtime/kernels/linear.h"

#include <cblas.h>

#include <cstdlib>
#include <cstring>
#include <thread>

#include "runtime/core/error.h"

namespace autoclass::kernels {
namespace {
int g_threads = 0;
}

void set_num_threads(int n) {
  g_threads = n > 0 ? n : 1;
  openblas_set_num_threads(g_threads);
}

int num_threads() {
  if (g_threads == 0) {
    const char* env = std::getenv("AUTOCLASS_NUM_THREADS");
    int n = env ? std::atoi(env) : 0;
    if (n <= 0) n = static_cast<int>(std::thread::hardware_concurrency());
    set_num_threads(n > 0 ? n : 1);
  }
  return g_threads;
}

LinearWeight::LinearWeight(const Tensor& weight, const Tensor& bias, WeightPrecision precision) : precision_(precision) {
  if (weight.ndim() != 2) throw Error(ErrorKind::kInvalidArgument, "linear weight must be 2-D, got " + shape_string(weight.shape()));
  out_ = weight.dim(0);
  in_ = weight.dim(1);
  // Own the memory: weights read straight from a large mmap get evicted and re-read.
  weight_ = weight.to(precision == WeightPrecision::kBF16 ? DType::kBF16 : DType::kF32).clone();
  if (!bias.empty()) {
    if (bias.numel() != out_) throw Error(ErrorKind::kInvalidArgument, "linear bias has " + std::to_string(bias.numel()) + " values, expected " + std::to_string(out_));
    bias_ = bias.to(DType::kF32).clone();
  }
}

LinearWeight LinearWeight::from_transposed(const Tensor& w, const Tensor& bias, WeightPrecision precision) {
  if (w.ndim() != 2) throw Error(ErrorKind::kInvalidArgument, "Conv1D weight must be 2-D");
  const Tensor f = w.to(DType::kF32);
  const std::int64_t in = w.dim(0), out = w.dim(1);
  Tensor t(DType::kF32, {out, in});
  float* dst = t.data_mut<float>();
  const float* src = f.data<float>();
  for (std::int64_t i = 0; i < in; ++i)
    for (std::int64_t o = 0; o < out; ++o) dst[o * in + i] = src[i * out + o];
  return LinearWeight(t, bias, precision);
}

void LinearWeight::forward(const float* x, std::int64_t rows, float* y, std::int64_t ldx, std::int64_t ldy) const {
  num_threads();
  if (ldx == 0) ldx = in_;
  if (ldy == 0) ldy = out_;
  if (precision_ == WeightPrecision::kBF16) {
    // Reference path: widen a row of W at a time. (kernels owner replaces this with a bf16 dot kernel.)
    const auto* w = static_cast<const std::uint16_t*>(weight_.raw());
    std::vector<float> row(static_cast<std::size_t>(in_));
    for (std::int64_t o = 0; o < out_; ++o) {
      for (std::int64_t i = 0; i < in_; ++i) row[i] = bf16_to_f32(w[o * in_ + i]);
      for (std::int64_t r = 0; r < rows; ++r) {
        float acc = 0;
        for (std::int64_t i = 0; i < in_; ++i) acc += x[r * ldx + i] * row[i];
        y[r * ldy + o] = acc + (bias_.empty() ? 0.0f : bias_.data<float>()[o]);
      }
    }
    return;
  }
  const float* w = weight_.data<float>();
  if (rows == 1) {
    if (!bias_.empty()) std::memcpy(y, bias_.data<float>(), sizeof(float) * out_);
    cblas_sgemv(CblasRowMajor, CblasNoTrans, static_cast<int>(out_), static_cast<int>(in_), 1.0f, w,
                static_cast<int>(in_), x, 1, bias_.empty() ? 0.0f : 1.0f, y, 1);
    return;
  }
  if (!bias_.empty())
    for (std::int64_t r = 0; r < rows; ++r) std::memcpy(y + r * ldy, bias_.data<float>(), sizeof(float) * out_);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows), static_cast<int>(out_),
              static_cast<int>(in_), 1.0f, x, static_cast<int>(ldx), w, static_cast<int>(in_),
              bias_.empty() ? 0.0f : 1.0f, y, static_cast<int>(ldy));
}

Tensor LinearWeight::forward(const Tensor& x2d) const {
  if (x2d.ndim() != 2 || x2d.dim(1) != in_)
    throw Error(ErrorKind::kInvalidArgument, "linear input " + shape_string(x2d.shape()) + " does not match in_features " + std::to_string(in_));
  Tensor y(DType::kF32, {x2d.dim(0), out_});
  forward(x2d.data<float>(), x2d.dim(0), y.data_mut<float>());
  return y;
}

void gemm(const float* a, const float* b, float* c, std::int64_t m, std::int64_t n, std::int64_t k, bool b_transposed,
          float alpha, float beta, std::int64_t lda, std::int64_t ldb, std::int64_t ldc) {
  num_threads();
  if (lda == 0) lda = k;
  if (ldb == 0) ldb = b_transposed ? k : n;
  if (ldc == 0) ldc = n;
  cblas_sgemm(CblasRowMajor, CblasNoTrans, b_transposed ? CblasTrans : CblasNoTrans, static_cast<int>(m),
              static_cast<int>(n), static_cast<int>(k), alpha, a, static_cast<int>(lda), b, static_cast<int>(ldb), beta,
              c, static_cast<int>(ldc));
}

}  // namespace autoclass::kernels
