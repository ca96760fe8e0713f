// Test helpers for the decoder fixtures (tests/fixtures/models/<name>, see its README.md): opens the
// checkpoint and HF's reference tensors, builds models through a kernel family's create(), and turns
// expected.json entries into forward() inputs.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "runtime/config/config_view.h"
#include "runtime/generation/causal_lm.h"
#include "runtime/model/model.h"

namespace autoclass::test {

// The schema's kernel.options for `model_type` (schemas/<model_type>.json) when that file has a kernel
// key, else `fallback` — so the tests exercise the real schema once it exists.
Json kernel_options_for(const std::string& model_type, const Json& fallback);

class DecoderFixture {
 public:
  explicit DecoderFixture(const std::string& name);  // "llama" -> tests/fixtures/models/llama

  const std::filesystem::path& dir() const { return dir_; }
  const Json& expected() const { return expected_; }
  const ConfigView& config() const { return *config_; }
  const WeightSource& weights() const { return *weights_; }

  std::unique_ptr<Model> build(ModelFactory create, const std::string& architecture, const Json& options,
                               LoadReport* report = nullptr) const;

  // An [rows, cols] I64 tensor from expected.json: "input_ids", "leftpad_attention_mask", or
  // "text_logits.input_ids".
  Tensor ids(const std::string& key) const;
  // The forward() inputs of reference tensor `name` (expected.json tensors.<name>.inputs).
  TensorMap inputs_for(const std::string& name) const;
  // The attention mask selecting compared positions of `name`, or an empty Tensor for "all elements".
  Tensor compare_mask_for(const std::string& name) const;
  Tensor reference(const std::string& name) const;
  bool has_reference(const std::string& name) const;

 private:
  std::filesystem::path dir_;
  Json expected_;
  std::unique_ptr<JsonConfigView> config_;
  std::unique_ptr<WeightSource> weights_;
  std::unique_ptr<WeightSource> reference_;
};

// Runs every reference tensor of `f` through the model its "output" names (by Auto class:
// "AutoModel", "AutoModelForCausalLM", "AutoModelForSequenceClassification") and CHECKs max |Δ| ≤ 1e-4
// on the compared elements. Returns how many tensors were compared.
int check_reference_tensors(const DecoderFixture& f, const std::map<std::string, Model*>& by_auto_class);
// CHECKs that generate() (greedy, KV cache) reproduces expected.json's greedy.output_ids.
void check_greedy(const DecoderFixture& f, CausalLM& model);
// CHECKs that each row of the left-padded batch gets, through generate(), the tokens it gets alone.
void check_leftpad_batch_matches_rows(const DecoderFixture& f, CausalLM& model, std::int64_t new_tokens);

}  // namespace autoclass::test
