// Kernel family "t5": T5Model, T5ForConditionalGeneration, T5EncoderModel
// (transformers/models/t5/modeling_t5.py). The ForConditionalGeneration and base models are
// autoclass::Seq2SeqLM, so generate_seq2seq() / beam_search() drive them with KV caches.
#pragma once

#include <memory>

#include "runtime/model/model.h"

namespace autoclass::models::t5 {

std::unique_ptr<autoclass::Model> create(const autoclass::ModelRequest& request);

}  // namespace autoclass::models::t5
