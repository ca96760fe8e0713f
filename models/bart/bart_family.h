// Kernel family "bart": BartModel, BartForConditionalGeneration (transformers/models/bart/modeling_bart.py).
// BartForConditionalGeneration is an autoclass::Seq2SeqLM, so generate_seq2seq() / beam_search() drive it.
#pragma once

#include <memory>

#include "runtime/model/model.h"

namespace autoclass::models::bart {

std::unique_ptr<autoclass::Model> create(const autoclass::ModelRequest& request);

}  // namespace autoclass::models::bart
