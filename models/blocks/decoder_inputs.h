// forward() inputs of a decoder-only model, checked, with HF's defaults: attention_mask all ones and
// position_ids 0..n-1 for every row (what HF's forward does without them; generate() passes its own).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/model/model.h"

namespace autoclass::blocks {

struct CausalInputs {
  std::int64_t batch = 0, length = 0;
  std::vector<std::int64_t> input_ids;     // [batch, length]
  std::vector<std::int64_t> position_ids;  // [batch, length]
  std::vector<std::uint8_t> valid;         // [batch, length] from attention_mask
};

// Accepts input_ids (required), attention_mask, position_ids (+ names in `also_allowed`); any other
// input is an Error naming `class_name`.
CausalInputs parse_causal_inputs(const TensorMap& inputs, const std::string& class_name,
                                 const std::vector<std::string>& also_allowed = {});

}  // namespace autoclass::blocks
