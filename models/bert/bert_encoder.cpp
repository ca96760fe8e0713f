// Follows transformers/models/bert/modeling_bert.py BertLayer / BertAttention / BertIntermediate /
// BertOutput (also RobertaLayer, ElectraLayer) and distilbert/modeling_distilbert.py TransformerBlock.
#include "models/bert/bert_encoder.h"

namespace autoclass::models::bert {

BertEncoder::BertEncoder(WeightReader& reader, const BertOptions& opt, const std::string& base) {
  const float eps = static_cast<float>(opt.layer_norm_eps);
  const blocks::Activation act(opt.hidden_act);
  for (std::int64_t i = 0; i < opt.layers; ++i) {
    Layer l;
    if (opt.layout == Layout::kDistilBert) {
      const std::string p = base + "transformer.layer." + std::to_string(i) + ".";
      l.attention = blocks::EncoderSelfAttention::load(
          reader, {p + "attention.q_lin", p + "attention.k_lin", p + "attention.v_lin", p + "attention.out_lin"},
          opt.hidden, opt.heads);
      l.attention_norm = blocks::LayerNorm::load(reader, p + "sa_layer_norm", opt.hidden, eps);
      l.ffn = blocks::FeedForward::load(reader, p + "ffn.lin1", p + "ffn.lin2", opt.hidden, opt.intermediate, act);
      l.output_norm = blocks::LayerNorm::load(reader, p + "output_layer_norm", opt.hidden, eps);
    } else {
      const std::string p = base + "encoder.layer." + std::to_string(i) + ".";
      l.attention = blocks::EncoderSelfAttention::load(
          reader,
          {p + "attention.self.query", p + "attention.self.key", p + "attention.self.value",
           p + "attention.output.dense"},
          opt.hidden, opt.heads);
      l.attention_norm = blocks::LayerNorm::load(reader, p + "attention.output.LayerNorm", opt.hidden, eps);
      l.ffn = blocks::FeedForward::load(reader, p + "intermediate.dense", p + "output.dense", opt.hidden,
                                        opt.intermediate, act);
      l.output_norm = blocks::LayerNorm::load(reader, p + "output.LayerNorm", opt.hidden, eps);
    }
    layers_.push_back(std::move(l));
  }
}

void BertEncoder::forward(Tensor& x, std::int64_t batch, std::int64_t seq, const blocks::KeyMask& mask,
                          Scratch& scratch) const {
  const std::int64_t rows = batch * seq;
  if (scratch.residual.size() < static_cast<std::size_t>(x.numel())) scratch.residual.resize(x.numel());
  float* h = x.data_mut<float>();
  float* t = scratch.residual.data();
  for (const Layer& l : layers_) {
    l.attention.forward(h, batch, seq, mask, t, scratch.attention);
    l.attention_norm.apply_residual(t, h, rows);  // t = LN(attn + h)
    l.ffn.forward(t, rows, h, scratch.ffn);
    l.output_norm.apply_residual(h, t, rows);  // h = LN(ffn + t)
  }
}

}  // namespace autoclass::models::bert
