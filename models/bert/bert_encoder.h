// The stack of post-LN transformer layers shared by BERT, RoBERTa, ELECTRA (BertLayer) and DistilBERT
// (TransformerBlock): x = LN(x + Attn(x)); x = LN(x + FFN(x)).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/blocks/encoder_attention.h"
#include "models/blocks/feed_forward.h"
#include "models/blocks/layer_norm.h"
#include "models/bert/bert_options.h"

namespace autoclass::models::bert {

class BertEncoder {
 public:
  BertEncoder(WeightReader& reader, const BertOptions& opt, const std::string& base);
  // Buffers reused from one forward to the next (a BERT-base layer would otherwise allocate and
  // page-fault ~5 MB per call).
  struct Scratch {
    std::vector<float> residual, attention, ffn;
  };
  // In place on x: [batch·seq, hidden].
  void forward(Tensor& x, std::int64_t batch, std::int64_t seq, const blocks::KeyMask& mask, Scratch& scratch) const;

 private:
  struct Layer {
    blocks::EncoderSelfAttention attention;
    blocks::LayerNorm attention_norm;
    blocks::FeedForward ffn;
    blocks::LayerNorm output_norm;
  };
  std::vector<Layer> layers_;
};

}  // namespace autoclass::models::bert
