// How kernels take their parameters: by name, converted to the dtype they compute in, shape-checked,
// and recorded as used; a parameter absent from the checkpoint (or every parameter, for from_config)
// is initialised the way HF's _init_weights does and reported as missing.
#pragma once

#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <string_view>

#include "runtime/core/tensor.h"
#include "runtime/model/model.h"

namespace autoclass {

enum class Init {
  kNormal,  // N(0, initializer_range): Linear / Embedding weights
  kZeros,   // biases
  kOnes,    // LayerNorm / RMSNorm weights
};

class WeightReader {
 public:
  // `prefix_candidates` handles HF's base_model_prefix rule: a BertModel loads from a checkpoint saved
  // by BertForMaskedLM ("bert." prefix) and vice versa; see resolve().
  WeightReader(const ModelRequest& request, double initializer_range);

  // The parameter as F32 (or `dtype`), shape-checked. Names are the model's own (as HF's state_dict).
  Tensor take(std::string_view name, const Shape& shape, Init init, DType dtype = DType::kF32);
  // Like take() but nullopt (nothing initialised, nothing reported) when the checkpoint lacks it.
  std::optional<Tensor> take_optional(std::string_view name, const Shape& shape, DType dtype = DType::kF32);
  bool has(std::string_view name) const;

  // HF base_model_prefix handling: when the model is a head model ("bert.encoder...") and the
  // checkpoint is a base model ("encoder..."), or the reverse, names are mapped. Call once up front.
  void set_base_model_prefix(std::string prefix, bool model_has_prefix);
  // Extra names to try, e.g. legacy "gamma"/"beta" LayerNorm names.
  void add_rename(std::string from, std::string to);

  // Fills report->unexpected with checkpoint names never taken (ignoring `ignore_patterns` substrings,
  // like HF's _keys_to_ignore_on_load_unexpected, e.g. "attn.masked_bias").
  void finish(const std::vector<std::string>& ignore_substrings = {});

 private:
  std::optional<std::string> resolve(std::string_view name) const;
  Tensor initialise(std::string_view name, const Shape& shape, Init init, DType dtype);

  const ModelRequest& request_;
  double initializer_range_;
  std::mt19937_64 rng_;
  std::set<std::string, std::less<>> used_;
  std::string prefix_;
  bool model_has_prefix_ = false;
  std::vector<std::pair<std::string, std::string>> renames_;
};

}  // namespace autoclass
