// Kernel family `gpt2`: GPT-2 (learned positions, pre-LayerNorm, Conv1D weights, tied lm_head).
#pragma once

#include <memory>

#include "runtime/model/model.h"

namespace autoclass::models::gpt2 {

// Builds GPT2LMHeadModel, GPT2Model and GPT2ForSequenceClassification.
std::unique_ptr<Model> create(const ModelRequest& request);

}  // namespace autoclass::models::gpt2
