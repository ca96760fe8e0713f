// Activation functions by HF name (transformers/activations.py ACT2FN), applied in place on float
// rows. Shared by every kernel family: `activation_by_name(config.get_string("hidden_act"))`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace autoclass::blocks {

enum class ActivationKind {
  kGelu,         // "gelu": exact, 0.5·x·(1 + erf(x/√2))
  kGeluTanh,     // "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "gelu_accurate"≈: tanh approximation
  kQuickGelu,    // "quick_gelu": x·σ(1.702·x)
  kRelu,         // "relu"
  kRelu2,        // "relu2": relu(x)²
  kRelu6,        // "relu6"
  kSilu,         // "silu", "swish"
  kTanh,         // "tanh"
  kSigmoid,      // "sigmoid"
  kMish,         // "mish": x·tanh(softplus(x))
  kLeakyRelu,    // "leaky_relu" (slope 0.01)
  kGelu10,       // "gelu_10": exact gelu clipped to [-10, 10]
  kLinear,       // "linear", "identity": no-op
};

class Activation {
 public:
  Activation() = default;
  // Throws Error(kUnsupported) listing the known names when `name` is not one of them.
  explicit Activation(std::string_view name);
  ActivationKind kind() const { return kind_; }
  const std::string& name() const { return name_; }
  // x[i] = f(x[i]) for i < n.
  void apply(float* x, std::int64_t n) const;

 private:
  ActivationKind kind_ = ActivationKind::kLinear;
  std::string name_ = "linear";
};

// Shorthand for Activation(name).
Activation activation_by_name(std::string_view name);
// The names activation_by_name() accepts.
std::vector<std::string> known_activation_names();

}  // namespace autoclass::blocks
