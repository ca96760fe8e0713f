#include "models/blocks/decoder_heads.h"

#include <cstring>

#include "models/blocks/decoder_inputs.h"
#include "models/blocks/last_token_pool.h"
#include "runtime/core/error.h"

namespace autoclass::blocks {
namespace {

Tensor as_tensor(const std::vector<float>& data, Shape shape) {
  Tensor t(DType::kF32, std::move(shape));
  std::memcpy(t.data_mut<float>(), data.data(), sizeof(float) * data.size());
  return t;
}

// Runs a whole forward() as one step over a fresh cache.
struct FullPass {
  CausalInputs in;
  std::vector<float> hidden, embeddings;
  FullPass(const DecoderStack& stack, const TensorMap& inputs, const std::string& class_name)
      : in(parse_causal_inputs(inputs, class_name)) {
    auto cache = stack.new_cache(in.batch, in.length);
    hidden = stack.run(*cache, DecodeStep{in.input_ids.data(), in.position_ids.data(), in.valid.data(), in.length, true},
                       &embeddings);
  }
  Tensor embeddings_tensor(std::int64_t h) const { return as_tensor(embeddings, {in.batch, in.length, h}); }
};

class CausalLMModel : public CausalLM {
 public:
  CausalLMModel(std::string name, std::unique_ptr<DecoderStack> stack, kernels::LinearWeight lm_head)
      : name_(std::move(name)), stack_(std::move(stack)), lm_head_(std::move(lm_head)) {}
  std::string class_name() const override { return name_; }
  std::int64_t vocab_size() const override { return lm_head_.out_features(); }
  std::unique_ptr<DecodeCache> new_cache(std::int64_t batch, std::int64_t capacity) const override {
    return stack_->new_cache(batch, capacity);
  }
  Tensor step(DecodeCache& cache, const DecodeStep& step) override {
    auto* kv = dynamic_cast<KvCache*>(&cache);
    if (!kv) throw Error(ErrorKind::kInvalidArgument, name_ + ".step: the cache was not made by this model");
    return logits(stack_->run(*kv, step, nullptr), kv->batch(), step.n, step.all_positions);
  }
  TensorMap forward(const TensorMap& inputs) override {
    FullPass pass(*stack_, inputs, name_);
    TensorMap out;
    out["logits"] = logits(pass.hidden, pass.in.batch, pass.in.length, true);
    out["hidden_states_0"] = pass.embeddings_tensor(stack_->hidden_size());
    return out;
  }

 private:
  Tensor logits(const std::vector<float>& hidden, std::int64_t batch, std::int64_t n, bool all_positions) const {
    const std::int64_t h = stack_->hidden_size(), v = vocab_size();
    if (all_positions) {
      Tensor t(DType::kF32, {batch, n, v});
      lm_head_.forward(hidden.data(), batch * n, t.data_mut<float>());
      return t;
    }
    Tensor t(DType::kF32, {batch, v});
    // Only each row's last token (rows b·n + n-1): a stride of n·h skips the others.
    lm_head_.forward(hidden.data() + (n - 1) * h, batch, t.data_mut<float>(), n * h, v);
    return t;
  }

  std::string name_;
  std::unique_ptr<DecoderStack> stack_;
  kernels::LinearWeight lm_head_;
};

class BaseModel : public Model {
 public:
  BaseModel(std::string name, std::unique_ptr<DecoderStack> stack) : name_(std::move(name)), stack_(std::move(stack)) {}
  std::string class_name() const override { return name_; }
  TensorMap forward(const TensorMap& inputs) override {
    FullPass pass(*stack_, inputs, name_);
    const std::int64_t h = stack_->hidden_size();
    TensorMap out;
    out["last_hidden_state"] = as_tensor(pass.hidden, {pass.in.batch, pass.in.length, h});
    out["hidden_states_0"] = pass.embeddings_tensor(h);
    return out;
  }

 private:
  std::string name_;
  std::unique_ptr<DecoderStack> stack_;
};

class SequenceClassifier : public Model {
 public:
  SequenceClassifier(std::string name, std::unique_ptr<DecoderStack> stack, kernels::LinearWeight score,
                     std::optional<std::int64_t> pad)
      : name_(std::move(name)), stack_(std::move(stack)), score_(std::move(score)), pad_(pad) {}
  std::string class_name() const override { return name_; }
  TensorMap forward(const TensorMap& inputs) override {
    FullPass pass(*stack_, inputs, name_);
    const std::int64_t h = stack_->hidden_size(), labels = score_.out_features();
    const auto last = last_token_indices(pass.in.input_ids.data(), pass.in.batch, pass.in.length, pad_, name_);
    Tensor logits(DType::kF32, {pass.in.batch, labels});
    for (std::int64_t b = 0; b < pass.in.batch; ++b)
      score_.forward(pass.hidden.data() + (b * pass.in.length + last[b]) * h, 1, logits.data_mut<float>() + b * labels);
    TensorMap out;
    out["logits"] = logits;
    out["hidden_states_0"] = pass.embeddings_tensor(h);
    return out;
  }

 private:
  std::string name_;
  std::unique_ptr<DecoderStack> stack_;
  kernels::LinearWeight score_;
  std::optional<std::int64_t> pad_;
};

}  // namespace

std::unique_ptr<CausalLM> make_causal_lm(std::string class_name, std::unique_ptr<DecoderStack> stack,
                                         kernels::LinearWeight lm_head) {
  return std::make_unique<CausalLMModel>(std::move(class_name), std::move(stack), std::move(lm_head));
}
std::unique_ptr<Model> make_base_model(std::string class_name, std::unique_ptr<DecoderStack> stack) {
  return std::make_unique<BaseModel>(std::move(class_name), std::move(stack));
}
std::unique_ptr<Model> make_sequence_classifier(std::string class_name, std::unique_ptr<DecoderStack> stack,
                                                kernels::LinearWeight score, std::optional<std::int64_t> pad_token_id) {
  return std::make_unique<SequenceClassifier>(std::move(class_name), std::move(stack), std::move(score), pad_token_id);
}

}  // namespace autoclass::blocks
