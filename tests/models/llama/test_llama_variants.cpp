// LLaMA-like types that have no C++ of their own: Ministral (a schema with kernel options only) checked
// against the llama / mistral_sw4 references by relabelling those checkpoints; Qwen3's qk_norm; errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "models/llama/llama_family.h"
#include "runtime/core/error.h"
#include "runtime/safetensors/safetensors.h"
#include "tests/generation/support/decoder_fixture.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using autoclass::test::DecoderFixture;

namespace {

// A checkpoint folder: `config` + tensors.
struct Checkpoint {
  test::TempDir dir;
  std::unique_ptr<JsonConfigView> config;
  std::unique_ptr<WeightSource> weights;
  Checkpoint(const Json& config_json, const TensorMap& tensors) {
    write_file_atomic(dir.path() / "config.json", config_json.dump(2));
    save_safetensors(dir.path() / "model.safetensors", tensors);
    config = std::make_unique<JsonConfigView>(config_json);
    weights = open_checkpoint(dir.path());
  }
  std::unique_ptr<Model> build(const std::string& arch, const Json& options, LoadReport* report = nullptr) const {
    return models::llama::create(ModelRequest{*config, arch, "", options, weights.get(), 0, report});
  }
};

TensorMap all_tensors(const WeightSource& w) {
  TensorMap m;
  for (const auto& n : w.names()) m[n] = w.get(n).to(DType::kF32).clone();
  return m;
}

Json fixture_config(const DecoderFixture& f) { return parse_json_file(f.dir() / "config.json"); }

double logits_diff(Model& m, const DecoderFixture& f, const std::string& name) {
  const TensorMap out = m.forward(f.inputs_for(name));
  return test::max_abs_diff_masked(out.at("logits"), f.reference(name), f.compare_mask_for(name));
}

}  // namespace

TEST_CASE("ministral (schema options only) runs the llama and mistral_sw4 checkpoints to HF's outputs", "[llama][variant]") {
  const Json options = test::kernel_options_for("ministral", Json{{"sliding_window", "layer_types"}});
  SECTION("full + sliding(4096) layers on the llama checkpoint") {
    DecoderFixture f("llama");
    Json config = fixture_config(f);
    config["model_type"] = "ministral";
    config["architectures"] = {"MinistralForCausalLM"};
    config["sliding_window"] = 4096;
    config["layer_types"] = {"full_attention", "sliding_attention"};
    Checkpoint ckpt(config, all_tensors(f.weights()));
    auto model = ckpt.build("MinistralForCausalLM", options);
    CHECK(logits_diff(*model, f, "logits") <= 1e-4);
    CHECK(logits_diff(*model, f, "leftpad_logits") <= 1e-4);
  }
  SECTION("every layer sliding(4) reproduces mistral_sw4") {
    DecoderFixture f("mistral_sw4");
    Json config = fixture_config(f);
    config["model_type"] = "ministral";
    config["architectures"] = {"MinistralForCausalLM"};
    config["layer_types"] = {"sliding_attention", "sliding_attention"};
    Checkpoint ckpt(config, all_tensors(f.weights()));
    auto model = ckpt.build("MinistralForCausalLM", options);
    CHECK(logits_diff(*model, f, "logits") <= 1e-4);
    CHECK(logits_diff(*model, f, "leftpad_logits") <= 1e-4);
    // and the window matters: full attention everywhere is far from the reference
    config["layer_types"] = {"full_attention", "full_attention"};
    Checkpoint full(config, all_tensors(f.weights()));
    CHECK(logits_diff(*full.build("MinistralForCausalLM", options), f, "logits") > 1e-2);
  }
}

TEST_CASE("qwen3 qk_norm normalises every query and key head", "[llama][variant]") {
  // No HF reference for qwen3 here: check the defining property instead. With per-head RMSNorm on q
  // and k, scaling q_proj / k_proj leaves the output unchanged; without it (llama) it does not.
  DecoderFixture f("llama");
  Json config = fixture_config(f);
  config["model_type"] = "qwen3";
  config["architectures"] = {"Qwen3ForCausalLM"};
  config["head_dim"] = 16;
  TensorMap tensors = all_tensors(f.weights());
  for (int l = 0; l < 2; ++l) {
    const std::string p = "model.layers." + std::to_string(l) + ".self_attn.";
    std::vector<float> w(16);
    for (int i = 0; i < 16; ++i) w[i] = 1.0f + 0.1f * std::sin(static_cast<float>(i + 7 * l));
    tensors[p + "q_norm.weight"] = Tensor::from_vector<float>({16}, w);
    tensors[p + "k_norm.weight"] = Tensor::from_vector<float>({16}, w);
  }
  const Json options = test::kernel_options_for("qwen3", Json{{"qk_norm", true}, {"sliding_window", "qwen2"}});
  Checkpoint plain(config, tensors);
  LoadReport report;
  auto a = plain.build("Qwen3ForCausalLM", options, &report);
  CHECK(report.missing.empty());
  CHECK(report.unexpected.empty());
  TensorMap scaled = tensors;
  for (int l = 0; l < 2; ++l) {
    const std::string p = "model.layers." + std::to_string(l) + ".self_attn.";
    for (auto [name, factor] : {std::pair{"q_proj.weight", 3.0f}, std::pair{"k_proj.weight", 2.0f}}) {
      Tensor t = scaled[p + name].clone();
      for (std::int64_t i = 0; i < t.numel(); ++i) t.data_mut<float>()[i] *= factor;
      scaled[p + name] = t;
    }
  }
  Checkpoint scaled_ckpt(config, scaled);
  auto b = scaled_ckpt.build("Qwen3ForCausalLM", options);
  const TensorMap in = f.inputs_for("logits");
  const Tensor la = a->forward(in).at("logits"), lb = b->forward(in).at("logits");
  CHECK(test::max_abs_diff(la, lb) < 1e-3);
  CHECK(test::max_abs_diff(la, f.reference("logits")) > 1e-2);  // the norm does act
}

TEST_CASE("llama family rejects bad requests with clear errors", "[llama][errors]") {
  DecoderFixture f("llama");
  SECTION("unknown kernel option") {
    CHECK_THROWS_WITH(f.build(&models::llama::create, "LlamaForCausalLM", Json{{"bogus", true}}),
                      Catch::Contains("unknown option 'bogus'"));
  }
  SECTION("unknown architecture") {
    CHECK_THROWS_AS(f.build(&models::llama::create, "LlamaForTokenWizardry", Json::object()), Error);
  }
  auto model = f.build(&models::llama::create, "LlamaForCausalLM", Json::object());
  SECTION("out-of-range token id") {
    TensorMap in{{"input_ids", Tensor::from_vector<std::int64_t>({1, 2}, {5, 1000})}};
    CHECK_THROWS_WITH(model->forward(in), Catch::Contains("1000") && Catch::Contains("embed_tokens"));
  }
  SECTION("unknown input") {
    TensorMap in{{"input_ids", Tensor::from_vector<std::int64_t>({1, 2}, {5, 6})},
                 {"token_type_ids", Tensor::from_vector<std::int64_t>({1, 2}, {0, 0})}};
    CHECK_THROWS_WITH(model->forward(in), Catch::Contains("token_type_ids"));
  }
  SECTION("unsupported rope type") {
    Json config = fixture_config(f);
    config["rope_scaling"] = {{"rope_type", "longrope"}, {"factor", 2.0}};
    Checkpoint ckpt(config, all_tensors(f.weights()));
    CHECK_THROWS_WITH(ckpt.build("LlamaForCausalLM", Json::object()), Catch::Contains("longrope"));
  }
}
