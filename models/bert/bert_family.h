// The bert kernel family: BERT, RoBERTa, XLM-RoBERTa, DistilBERT and ELECTRA encoders and their
// heads (masked LM, sequence / token classification, question answering, multiple choice).
#pragma once

#include <memory>

#include "runtime/model/model.h"

namespace autoclass::models::bert {

// Builds request.architecture (e.g. "BertForMaskedLM", "DistilBertModel"); model-type quirks come
// from request.kernel_options (see schemas/_families/bert.json).
std::unique_ptr<Model> create(const ModelRequest& request);

}  // namespace autoclass::models::bert
