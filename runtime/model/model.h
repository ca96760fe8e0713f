// The interface every kernel family implements, and what the Auto classes hand it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/config/config_view.h"
#include "runtime/core/json_io.h"
#include "runtime/core/tensor.h"
#include "runtime/model/weight_source.h"

namespace autoclass {

// Named tensors, HF's names: inputs ("input_ids", "attention_mask", "token_type_ids", "position_ids",
// "decoder_input_ids", "pixel_values" ...) and outputs ("logits", "last_hidden_state", "pooler_output",
// "start_logits", "end_logits", "hidden_states_0", "encoder_last_hidden_state" ...).
using TensorMap = std::map<std::string, Tensor>;

// What loading found, like HF's "Some weights of ... were not used / were newly initialized".
struct LoadReport {
  std::vector<std::string> missing;     // expected by the model, absent from the checkpoint: initialised
  std::vector<std::string> unexpected;  // present in the checkpoint, not used by the model
  std::string summary(const std::string& class_name, const std::string& origin) const;  // "" when clean
};

class Model {
 public:
  virtual ~Model() = default;
  virtual std::string class_name() const = 0;  // "BertForMaskedLM"
  // Runs the model; unknown input names are an error, missing optional ones take HF's defaults.
  virtual TensorMap forward(const TensorMap& inputs) = 0;
};

// What a kernel family gets asked to build. Everything model-type specific comes from here: the
// config (through ConfigView, aliases resolved) and the schema's `kernel.options`.
struct ModelRequest {
  const ConfigView& config;
  std::string architecture;    // the class to build, e.g. "BertForMaskedLM"
  std::string auto_class;      // e.g. "AutoModelForMaskedLM"
  Json kernel_options;         // schema's kernel.options object (may be empty / null)
  const WeightSource* weights; // nullptr: from_config, seeded random initialisation
  std::uint64_t seed = 0;
  LoadReport* report = nullptr;
};

using ModelFactory = std::unique_ptr<Model> (*)(const ModelRequest&);

}  // namespace autoclass
