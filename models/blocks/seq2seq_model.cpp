#include "models/blocks/seq2seq_model.h"

#include <algorithm>
#include <set>

#include "runtime/core/error.h"

namespace autoclass::blocks {

std::vector<std::int64_t> int64_values(const Tensor& t, const std::string& what, const std::string& class_name) {
  if (t.ndim() != 2)
    throw Error(ErrorKind::kInvalidArgument, class_name + ": " + what + " must be [batch, length], got " + shape_string(t.shape()));
  if (t.dtype() == DType::kF32 || t.dtype() == DType::kF16 || t.dtype() == DType::kBF16 || t.dtype() == DType::kF64)
    throw Error(ErrorKind::kInvalidArgument, class_name + ": " + what + " must hold integers, got " + std::string(dtype_name(t.dtype())));
  const Tensor i64 = t.to(DType::kI64);
  return {i64.data<std::int64_t>(), i64.data<std::int64_t>() + i64.numel()};
}

std::vector<std::int64_t> Seq2SeqTransformer::default_decoder_input_ids(const Tensor&) const {
  throw Error(ErrorKind::kInvalidArgument, class_name_ + ": decoder_input_ids are required");
}

std::unique_ptr<Seq2SeqState> Seq2SeqTransformer::encode(const Tensor& input_ids, const Tensor& attention_mask) {
  const auto ids = int64_values(input_ids, "input_ids", class_name_);
  const std::int64_t batch = input_ids.dim(0), source = input_ids.dim(1);
  if (batch == 0 || source == 0) throw Error(ErrorKind::kInvalidArgument, class_name_ + ": input_ids is empty");
  auto cache = std::make_unique<Seq2SeqCache>(batch, source, d_model_, decoder_layers(), cross_inner());
  if (!attention_mask.empty()) {
    if (attention_mask.shape() != input_ids.shape())
      throw Error(ErrorKind::kInvalidArgument, class_name_ + ": attention_mask shape " + shape_string(attention_mask.shape()) +
                                                   " differs from input_ids " + shape_string(input_ids.shape()));
    const auto mask = int64_values(attention_mask, "attention_mask", class_name_);
    for (std::size_t i = 0; i < mask.size(); ++i) cache->source_valid()[i] = mask[i] != 0;
  }
  run_encoder(ids.data(), cache->source_valid().data(), batch, source, cache->encoder_hidden().data());
  if (head_ != Seq2SeqHead::kEncoderOnly) fill_cross_cache(*cache);
  return cache;
}

Tensor Seq2SeqTransformer::decode(Seq2SeqState& state, std::span<const std::int64_t> ids, std::int64_t n, bool all_positions) {
  auto* cache = dynamic_cast<Seq2SeqCache*>(&state);
  if (!cache) throw Error(ErrorKind::kInternal, class_name_ + ": decode() got a state from another model");
  if (head_ == Seq2SeqHead::kEncoderOnly) throw Error(ErrorKind::kUnsupported, class_name_ + " has no decoder");
  const std::int64_t batch = cache->batch();
  if (n <= 0 || static_cast<std::int64_t>(ids.size()) != batch * n)
    throw Error(ErrorKind::kInvalidArgument, class_name_ + ": decode() needs " + std::to_string(batch) + " x " +
                                                 std::to_string(n) + " ids, got " + std::to_string(ids.size()));
  for (std::int64_t id : ids)
    if (id < 0 || id >= vocab_)
      throw Error(ErrorKind::kInvalidArgument, class_name_ + ": decoder_input_ids holds " + std::to_string(id) +
                                                   ", outside the vocabulary [0, " + std::to_string(vocab_) + ")");
  cache->begin_step(n, nullptr);
  const std::vector<float> hidden = run_decoder(*cache, ids.data(), n);
  if (all_positions) {
    Tensor logits(DType::kF32, {batch, n, vocab_});
    lm_head(hidden.data(), batch * n, logits.data_mut<float>());
    return logits;
  }
  std::vector<float> last(static_cast<std::size_t>(batch * d_model_));
  for (std::int64_t b = 0; b < batch; ++b)
    std::copy_n(hidden.begin() + ((b * n) + n - 1) * d_model_, d_model_, last.begin() + b * d_model_);
  Tensor logits(DType::kF32, {batch, vocab_});
  lm_head(last.data(), batch, logits.data_mut<float>());
  return logits;
}

TensorMap Seq2SeqTransformer::forward(const TensorMap& inputs) {
  static const std::set<std::string> kKnown{"input_ids", "attention_mask", "decoder_input_ids", "decoder_attention_mask"};
  for (const auto& [name, t] : inputs)
    if (!kKnown.count(name))
      throw Error(ErrorKind::kInvalidArgument, class_name_ + ".forward: unknown input '" + name +
                                                   "' (accepted: input_ids, attention_mask, decoder_input_ids, decoder_attention_mask)");
  const auto ids = inputs.find("input_ids");
  if (ids == inputs.end()) throw Error(ErrorKind::kInvalidArgument, class_name_ + ".forward: input_ids is required");
  const auto mask = inputs.find("attention_mask");
  auto state = encode(ids->second, mask == inputs.end() ? Tensor() : mask->second);
  auto& cache = static_cast<Seq2SeqCache&>(*state);
  const std::int64_t batch = cache.batch(), source = cache.source_len();
  Tensor encoder_out(DType::kF32, {batch, source, d_model_});
  std::copy(cache.encoder_hidden().begin(), cache.encoder_hidden().end(), encoder_out.data_mut<float>());
  TensorMap out;
  if (head_ == Seq2SeqHead::kEncoderOnly) {
    for (const char* name : {"decoder_input_ids", "decoder_attention_mask"})
      if (inputs.count(name))
        throw Error(ErrorKind::kInvalidArgument, class_name_ + ".forward: " + name + " given, but " + class_name_ +
                                                     " is an encoder only");
    out["last_hidden_state"] = encoder_out;
    return out;
  }

  const auto dec = inputs.find("decoder_input_ids");
  std::vector<std::int64_t> dec_ids;
  std::int64_t n = 0;
  if (dec != inputs.end()) {
    dec_ids = int64_values(dec->second, "decoder_input_ids", class_name_);
    if (dec->second.dim(0) != batch)
      throw Error(ErrorKind::kInvalidArgument, class_name_ + ": decoder_input_ids has batch " + std::to_string(dec->second.dim(0)) +
                                                   ", input_ids has " + std::to_string(batch));
    n = dec->second.dim(1);
  } else {
    dec_ids = default_decoder_input_ids(ids->second);
    n = source;
  }
  if (n == 0) throw Error(ErrorKind::kInvalidArgument, class_name_ + ": decoder_input_ids is empty");
  for (std::int64_t id : dec_ids)
    if (id < 0 || id >= vocab_)
      throw Error(ErrorKind::kInvalidArgument, class_name_ + ": decoder_input_ids holds " + std::to_string(id) +
                                                   ", outside the vocabulary [0, " + std::to_string(vocab_) + ")");
  std::vector<std::uint8_t> dec_valid;
  if (const auto dm = inputs.find("decoder_attention_mask"); dm != inputs.end()) {
    if (dm->second.shape() != Shape{batch, n})
      throw Error(ErrorKind::kInvalidArgument, class_name_ + ": decoder_attention_mask shape " + shape_string(dm->second.shape()) +
                                                   " differs from decoder_input_ids [" + std::to_string(batch) + ", " +
                                                   std::to_string(n) + "]");
    for (std::int64_t v : int64_values(dm->second, "decoder_attention_mask", class_name_)) dec_valid.push_back(v != 0);
  }
  cache.begin_step(n, dec_valid.empty() ? nullptr : dec_valid.data());
  const std::vector<float> hidden = run_decoder(cache, dec_ids.data(), n);
  Tensor decoder_out(DType::kF32, {batch, n, d_model_});
  std::copy(hidden.begin(), hidden.end(), decoder_out.data_mut<float>());
  out["encoder_last_hidden_state"] = encoder_out;
  if (head_ == Seq2SeqHead::kBase) {
    out["last_hidden_state"] = decoder_out;
    return out;
  }
  Tensor logits(DType::kF32, {batch, n, vocab_});
  lm_head(hidden.data(), batch * n, logits.data_mut<float>());
  out["logits"] = logits;
  out["decoder_last_hidden_state"] = decoder_out;
  return out;
}

}  // namespace autoclass::blocks
