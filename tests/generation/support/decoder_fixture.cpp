#include "tests/generation/support/decoder_fixture.h"

#include "runtime/core/error.h"
#include "runtime/safetensors/safetensors.h"
#include "tests/support/fixtures.h"

namespace autoclass::test {

Json kernel_options_for(const std::string& model_type, const Json& fallback) {
  const auto schema = source_dir() / "schemas" / (model_type + ".json");
  if (!std::filesystem::exists(schema)) return fallback;
  const Json j = parse_json_file(schema);
  if (!j.contains("kernel") || !j["kernel"].is_object()) return fallback;
  return j["kernel"].value("options", Json::object());
}

DecoderFixture::DecoderFixture(const std::string& name) : dir_(fixture("models/" + name)) {
  expected_ = parse_json_file(dir_ / "expected.json");
  config_ = std::make_unique<JsonConfigView>(parse_json_file(dir_ / "config.json"));
  weights_ = open_checkpoint(dir_);
  reference_ = open_checkpoint(dir_ / "expected.safetensors");
}

std::unique_ptr<Model> DecoderFixture::build(ModelFactory create, const std::string& architecture, const Json& options,
                                             LoadReport* report) const {
  ModelRequest request{*config_, architecture, "", options, weights_.get(), 0, report};
  return create(request);
}

Tensor DecoderFixture::ids(const std::string& key) const {
  const auto dot = key.find('.');
  if (dot != std::string::npos) return int_tensor_from_json(expected_.at(key.substr(0, dot)).at(key.substr(dot + 1)));
  return int_tensor_from_json(expected_.at("inputs").at(key));
}

TensorMap DecoderFixture::inputs_for(const std::string& name) const {
  TensorMap in;
  for (const auto& [arg, key] : expected_.at("tensors").at(name).at("inputs").items()) in[arg] = ids(key.get<std::string>());
  return in;
}

Tensor DecoderFixture::compare_mask_for(const std::string& name) const {
  const Json& t = expected_.at("tensors").at(name);
  if (t.at("compare").get<std::string>() == "all elements") return Tensor();
  return ids(t.at("inputs").at("attention_mask").get<std::string>());
}

Tensor DecoderFixture::reference(const std::string& name) const { return reference_->get(name); }
bool DecoderFixture::has_reference(const std::string& name) const { return reference_->has(name); }

}  // namespace autoclass::test

#include <catch2/catch.hpp>

#include "runtime/generation/generate.h"

namespace autoclass::test {
namespace {

std::vector<std::int64_t> row_of(const Tensor& t, std::int64_t row) {
  const std::int64_t n = t.dim(1);
  const auto* p = t.data<std::int64_t>() + row * n;
  return {p, p + n};
}

}  // namespace

int check_reference_tensors(const DecoderFixture& f, const std::map<std::string, Model*>& by_auto_class) {
  int compared = 0;
  for (const auto& [name, entry] : f.expected().at("tensors").items()) {
    const std::string output = entry.at("output").get<std::string>();
    const std::string auto_class = output.substr(0, output.find('.'));
    const auto model = by_auto_class.find(auto_class);
    INFO("reference tensor " << name << " from " << output);
    REQUIRE(model != by_auto_class.end());
    std::string attr = output.find("hidden_states[0]") != std::string::npos ? "hidden_states_0"
                       : output.find(".last_hidden_state") != std::string::npos ? "last_hidden_state"
                                                                               : "logits";
    const TensorMap out = model->second->forward(f.inputs_for(name));
    REQUIRE(out.count(attr) == 1);
    const Tensor mask = f.compare_mask_for(name);
    const Tensor ref = f.reference(name);
    const double diff = mask.empty() ? max_abs_diff(out.at(attr), ref) : max_abs_diff_masked(out.at(attr), ref, mask);
    INFO("max |diff| = " << diff);
    CHECK(diff <= 1e-4);
    ++compared;
  }
  return compared;
}

void check_greedy(const DecoderFixture& f, CausalLM& model) {
  const Json& greedy = f.expected().at("greedy");
  const auto prompt = greedy.at("input_ids").get<std::vector<std::int64_t>>();
  GenerationConfig g;  // plain argmax, no EOS stop, no processors: as the reference
  g.max_new_tokens = greedy.at("max_new_tokens").get<std::int64_t>();
  const Tensor out =
      generate(model, Tensor::from_vector<std::int64_t>({1, static_cast<std::int64_t>(prompt.size())}, prompt), Tensor(), g);
  CHECK(row_of(out, 0) == greedy.at("output_ids").get<std::vector<std::int64_t>>());
}

void check_leftpad_batch_matches_rows(const DecoderFixture& f, CausalLM& model, std::int64_t new_tokens) {
  const Tensor ids = f.ids("leftpad_input_ids");
  const Tensor mask = f.ids("leftpad_attention_mask");
  GenerationConfig g;
  g.max_new_tokens = new_tokens;
  const Tensor batch = generate(model, ids, mask, g);
  REQUIRE(batch.dim(1) == ids.dim(1) + new_tokens);
  for (std::int64_t r = 0; r < ids.dim(0); ++r) {
    std::vector<std::int64_t> alone;
    for (std::int64_t t = 0; t < ids.dim(1); ++t)
      if (mask.data<std::int64_t>()[r * ids.dim(1) + t]) alone.push_back(ids.data<std::int64_t>()[r * ids.dim(1) + t]);
    const Tensor single =
        generate(model, Tensor::from_vector<std::int64_t>({1, static_cast<std::int64_t>(alone.size())}, alone), Tensor(), g);
    const auto b = row_of(batch, r), s = row_of(single, 0);
    INFO("row " << r);
    CHECK(std::vector<std::int64_t>(b.end() - new_tokens, b.end()) == std::vector<std::int64_t>(s.end() - new_tokens, s.end()));
  }
}

}  // namespace autoclass::test
