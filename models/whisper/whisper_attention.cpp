// Follows transformers/models/whisper/modeling_whisper.py WhisperAttention (eager): q scaled by
// head_dim^-0.5 after q_proj, softmax in float32, causal mask for the decoder's self-attention.
#include "models/whisper/whisper_attention.h"

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <vector>

#include "models/blocks/thread_split.h"
#include "runtime/core/error.h"

namespace autoclass::models::whisper {

WhisperAttention WhisperAttention::load(WeightReader& reader, const std::string& p, std::int64_t dim, std::int64_t heads) {
  if (heads <= 0 || dim % heads != 0)
    throw Error(ErrorKind::kInvalidArgument, "whisper: d_model " + std::to_string(dim) + " is not a multiple of the head count " +
                                                 std::to_string(heads));
  WhisperAttention a;
  a.dim_ = dim;
  a.heads_ = heads;
  a.head_dim_ = dim / heads;
  auto w = [&](const char* n) { return reader.take(p + n + ".weight", {dim, dim}, Init::kNormal); };
  auto b = [&](const char* n) { return reader.take(p + n + ".bias", {dim}, Init::kZeros); };
  a.q_ = kernels::LinearWeight(w("q_proj"), b("q_proj"));
  a.k_ = kernels::LinearWeight(w("k_proj"), Tensor());
  a.v_ = kernels::LinearWeight(w("v_proj"), b("v_proj"));
  a.out_ = kernels::LinearWeight(w("out_proj"), b("out_proj"));
  return a;
}

void WhisperAttention::forward(const float* q_in, std::int64_t batch, std::int64_t tq, const float* kv_in, std::int64_t tk,
                               bool causal, float* out) const {
  std::vector<float> q(static_cast<std::size_t>(batch * tq * dim_)), k(static_cast<std::size_t>(batch * tk * dim_)),
      v(k.size()), context(q.size());
  q_.forward(q_in, batch * tq, q.data());
  k_.forward(kv_in, batch * tk, k.data());
  v_.forward(kv_in, batch * tk, v.data());
  const float scale = static_cast<float>(std::pow(static_cast<double>(head_dim_), -0.5));
  for (float& x : q) x *= scale;

  using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using Strided = Eigen::Map<const RowMat, 0, Eigen::OuterStride<>>;
  using StridedOut = Eigen::Map<RowMat, 0, Eigen::OuterStride<>>;
  const std::int64_t offset = tk - tq;  // earlier (cached) keys before the first query
  blocks::split_across_threads(batch * heads_, [&](std::int64_t begin, std::int64_t end) {
    RowMat scores(tq, tk);
    for (std::int64_t task = begin; task < end; ++task) {
      const std::int64_t b = task / heads_, h = task % heads_;
      Strided qm(q.data() + b * tq * dim_ + h * head_dim_, tq, head_dim_, Eigen::OuterStride<>(dim_));
      Strided km(k.data() + b * tk * dim_ + h * head_dim_, tk, head_dim_, Eigen::OuterStride<>(dim_));
      Strided vm(v.data() + b * tk * dim_ + h * head_dim_, tk, head_dim_, Eigen::OuterStride<>(dim_));
      scores.noalias() = qm * km.transpose();
      for (std::int64_t i = 0; i < tq; ++i) {
        float* row = scores.data() + i * tk;
        const std::int64_t visible = causal ? std::min(tk, i + offset + 1) : tk;
        float mx = -std::numeric_limits<float>::infinity();
        for (std::int64_t j = 0; j < visible; ++j) mx = std::max(mx, row[j]);
        float sum = 0;
        for (std::int64_t j = 0; j < visible; ++j) sum += (row[j] = std::exp(row[j] - mx));
        for (std::int64_t j = 0; j < visible; ++j) row[j] /= sum;
        for (std::int64_t j = visible; j < tk; ++j) row[j] = 0.0f;
      }
      StridedOut ctx(context.data() + b * tq * dim_ + h * head_dim_, tq, head_dim_, Eigen::OuterStride<>(dim_));
      ctx.noalias() = scores * vm;
    }
  });
  out_.forward(context.data(), batch * tq, out);
}

}  // namespace autoclass::models::whisper
