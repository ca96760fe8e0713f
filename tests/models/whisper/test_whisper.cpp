// whisper kernel family vs HF on the whisper_tiny fixture: encoder / decoder states and logits within
// 1e-4, the greedy ids exactly, and WAV → log-mel → greedy end to end.
#include <catch2/catch.hpp>

#include "models/whisper/whisper_family.h"
#include "runtime/config/config_view.h"
#include "runtime/core/error.h"
#include "runtime/preprocess/feature_extractor.h"

#include "runtime/safetensors/checkpoint.h"
#include "tests/preprocess/reference_tensors.h"
#include "tests/models/family_fixture.h"
#include "tests/support/fixtures.h"

using namespace autoclass;

namespace {

std::unique_ptr<test::FamilyFixture> load(const std::string& architecture) {
  return test::load_family_fixture("models/whisper_tiny", architecture, &models::whisper::create);
}

Tensor first_clip(const Tensor& features) {
  const std::int64_t per = features.dim(1) * features.dim(2);
  std::vector<float> v(features.data<float>(), features.data<float>() + per);
  return Tensor::from_vector<float>({1, features.dim(1), features.dim(2)}, v);
}

}  // namespace

TEST_CASE("WhisperForConditionalGeneration matches HF", "[models][whisper]") {
  const auto dir = test::fixture("models/whisper_tiny");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  const Json json = parse_json_file(dir / "expected.json");
  auto l = load("WhisperForConditionalGeneration");
  CHECK(l->report.missing.empty());
  CHECK(l->report.unexpected.empty());
  const TensorMap out = l->model->forward({{"input_features", expected.at("input_features")},
                                           {"decoder_input_ids", test::int_tensor_from_json(json.at("inputs").at("decoder_input_ids"))}});
  for (const char* name : {"encoder_last_hidden_state", "logits", "decoder_last_hidden_state"}) {
    const double diff = test::max_abs_diff(out.at(name), expected.at(name));
    INFO(name << " max |diff| = " << diff);
    CHECK(diff <= 1e-4);
  }
}

TEST_CASE("WhisperModel (AutoModel) last_hidden_state matches HF", "[models][whisper]") {
  const auto dir = test::fixture("models/whisper_tiny");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  const Json json = parse_json_file(dir / "expected.json");
  auto l = load("WhisperModel");
  CHECK(l->report.missing.empty());
  const TensorMap out = l->model->forward({{"input_features", expected.at("input_features")},
                                           {"decoder_input_ids", test::int_tensor_from_json(json.at("inputs").at("decoder_input_ids"))}});
  const double diff = test::max_abs_diff(out.at("last_hidden_state"), expected.at("decoder_last_hidden_state"));
  INFO("max |diff| = " << diff);
  CHECK(diff <= 1e-4);
  CHECK(out.count("logits") == 0);
}

TEST_CASE("Whisper greedy decoding reproduces HF's ids", "[models][whisper]") {
  const auto dir = test::fixture("models/whisper_tiny");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  const Json greedy = parse_json_file(dir / "expected.json").at("greedy");
  auto l = load("WhisperForConditionalGeneration");
  const auto prefix = greedy.at("decoder_input_ids").get<std::vector<std::int64_t>>();
  const auto want = greedy.at("output_ids").get<std::vector<std::int64_t>>();
  const std::int64_t steps = greedy.at("max_new_tokens").get<std::int64_t>();
  CHECK(models::whisper::greedy_decode(*l->model, first_clip(expected.at("input_features")), prefix, steps) == want);

  // End to end from the WAV file through our own log-mel front end.
  const auto fe = AutoFeatureExtractor::from_pretrained(dir);
  const Tensor features = fe->from_files({dir / "audio_0.wav"}).at("input_features");
  CHECK(models::whisper::greedy_decode(*l->model, features, prefix, steps) == want);
}

TEST_CASE("Whisper input errors name the tensor", "[models][whisper][errors]") {
  auto l = load("WhisperForConditionalGeneration");
  CHECK_THROWS_WITH(l->model->forward({{"input_features", Tensor(DType::kF32, {1, 80, 100})}}),
                    Catch::Contains("input_features") && Catch::Contains("3000"));
  CHECK_THROWS_WITH(l->model->forward({{"encoder_outputs", Tensor(DType::kF32, {1, 1500, 64})},
                                       {"decoder_input_ids", Tensor::from_vector<std::int64_t>({1, 1}, {5000})}}),
                    Catch::Contains("decoder_input_ids"));
  CHECK_THROWS_WITH(l->model->forward({{"input_ids", Tensor(DType::kI64, {1, 1})}}), Catch::Contains("input_ids"));
}

TEST_CASE("Whisper from_config (no weights) builds and runs", "[models][whisper]") {
  JsonConfigView config(parse_json_file(test::fixture("models/whisper_tiny") / "config.json"));
  ModelRequest request{config, "WhisperForConditionalGeneration", "", Json::object(), nullptr, 5, nullptr};
  auto model = models::whisper::create(request);
  const TensorMap out = model->forward({{"input_features", Tensor(DType::kF32, {1, 80, 3000})},
                                        {"decoder_input_ids", Tensor::from_vector<std::int64_t>({1, 2}, {1000, 1})}});
  CHECK(out.at("logits").shape() == Shape{1, 2, 1107});
  CHECK(out.at("encoder_last_hidden_state").shape() == Shape{1, 1500, 64});
}
