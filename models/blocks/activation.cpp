// Follows transformers/activations.py (ACT2FN): GELUActivation (erf), NewGELUActivation /
// PytorchGELUTanh (tanh form), QuickGELUActivation, ReLUSquaredActivation, ClippedGELUActivation...
// Vectorised through Eigen arrays (erf / tanh / exp have SIMD paths), since a BERT-base forward
// applies the activation to ~400k values per layer.
#include "models/blocks/activation.h"

#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>

#include <cmath>
#include <utility>

#include "runtime/core/error.h"

namespace autoclass::blocks {
namespace {

const std::vector<std::pair<std::string, ActivationKind>>& table() {
  static const std::vector<std::pair<std::string, ActivationKind>> t = {
      {"gelu", ActivationKind::kGelu},
      {"gelu_python", ActivationKind::kGelu},
      {"gelu_new", ActivationKind::kGeluTanh},
      {"gelu_pytorch_tanh", ActivationKind::kGeluTanh},
      {"gelu_fast", ActivationKind::kGeluTanh},
      {"gelu_accurate", ActivationKind::kGeluTanh},
      {"gelu_10", ActivationKind::kGelu10},
      {"quick_gelu", ActivationKind::kQuickGelu},
      {"relu", ActivationKind::kRelu},
      {"relu2", ActivationKind::kRelu2},
      {"relu6", ActivationKind::kRelu6},
      {"silu", ActivationKind::kSilu},
      {"swish", ActivationKind::kSilu},
      {"tanh", ActivationKind::kTanh},
      {"sigmoid", ActivationKind::kSigmoid},
      {"mish", ActivationKind::kMish},
      {"leaky_relu", ActivationKind::kLeakyRelu},
      {"linear", ActivationKind::kLinear},
      {"identity", ActivationKind::kLinear},
  };
  return t;
}

using Arr = Eigen::Map<Eigen::ArrayXf>;

void gelu_erf(Arr a) { a = 0.5f * a * (1.0f + (a * static_cast<float>(M_SQRT1_2)).erf()); }

void gelu_tanh(Arr a) {
  // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
  const float k = 0.7978845608028654f;
  a = 0.5f * a * (1.0f + (k * (a + 0.044715f * a.cube())).tanh());
}

// Chunked so intermediate Eigen expressions stay in L1.
template <class F>
void chunked(float* x, std::int64_t n, F f) {
  constexpr std::int64_t kChunk = 1024;
  for (std::int64_t i = 0; i < n; i += kChunk) f(Arr(x + i, std::min(kChunk, n - i)));
}

}  // namespace

Activation::Activation(std::string_view name) {
  for (const auto& [n, k] : table())
    if (n == name) {
      kind_ = k;
      name_ = n;
      return;
    }
  std::string known;
  for (const auto& [n, k] : table()) known += (known.empty() ? "" : ", ") + n;
  throw Error(ErrorKind::kUnsupported, "unknown activation function '" + std::string(name) + "' (known: " + known + ")");
}

void Activation::apply(float* x, std::int64_t n) const {
  switch (kind_) {
    case ActivationKind::kLinear: return;
    case ActivationKind::kGelu: chunked(x, n, gelu_erf); return;
    case ActivationKind::kGeluTanh: chunked(x, n, gelu_tanh); return;
    case ActivationKind::kGelu10:
      chunked(x, n, [](Arr a) { gelu_erf(a); a = a.max(-10.0f).min(10.0f); });
      return;
    case ActivationKind::kQuickGelu:
      chunked(x, n, [](Arr a) { a = a / (1.0f + (-1.702f * a).exp()); });
      return;
    case ActivationKind::kRelu: chunked(x, n, [](Arr a) { a = a.max(0.0f); }); return;
    case ActivationKind::kRelu2: chunked(x, n, [](Arr a) { a = a.max(0.0f).square(); }); return;
    case ActivationKind::kRelu6: chunked(x, n, [](Arr a) { a = a.max(0.0f).min(6.0f); }); return;
    case ActivationKind::kSilu: chunked(x, n, [](Arr a) { a = a / (1.0f + (-a).exp()); }); return;
    case ActivationKind::kTanh: chunked(x, n, [](Arr a) { a = a.tanh(); }); return;
    case ActivationKind::kSigmoid: chunked(x, n, [](Arr a) { a = 1.0f / (1.0f + (-a).exp()); }); return;
    case ActivationKind::kLeakyRelu:
      chunked(x, n, [](Arr a) { a = (a > 0.0f).select(a, 0.01f * a); });
      return;
    case ActivationKind::kMish:
      // softplus(x) = log1p(exp(x)), with PyTorch's threshold 20 (linear above it).
      for (std::int64_t i = 0; i < n; ++i) {
        const float v = x[i];
        const float sp = v > 20.0f ? v : std::log1p(std::exp(v));
        x[i] = v * std::tanh(sp);
      }
      return;
  }
}

Activation activation_by_name(std::string_view name) { return Activation(name); }

std::vector<std::string> known_activation_names() {
  std::vector<std::string> out;
  for (const auto& [n, k] : table()) out.push_back(n);
  return out;
}

}  // namespace autoclass::blocks
