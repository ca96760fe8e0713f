// wav2vec2 kernel family vs HF on the wav2vec2_ctc fixture: every frame tensor within 1e-4 on the
// valid frames, CTC argmax ids and the decoded text exactly, and the WAV → text path end to end.
#include <catch2/catch.hpp>

#include "models/wav2vec2/wav2vec2_family.h"
#include "runtime/config/config_view.h"
#include "runtime/core/error.h"
#include "runtime/preprocess/pipelines.h"
#include "runtime/preprocess/processor.h"
#include "runtime/safetensors/checkpoint.h"
#include "tests/preprocess/reference_tensors.h"
#include "tests/models/family_fixture.h"
#include "tests/support/fixtures.h"

using namespace autoclass;

namespace {

std::unique_ptr<test::FamilyFixture> load(const std::string& architecture) {
  return test::load_family_fixture("models/wav2vec2_ctc", architecture, &models::wav2vec2::create);
}

Tensor frame_mask(const std::vector<std::int64_t>& lengths, std::int64_t frames) {
  Tensor m(DType::kI64, {static_cast<std::int64_t>(lengths.size()), frames});
  for (std::size_t b = 0; b < lengths.size(); ++b)
    for (std::int64_t f = 0; f < lengths[b]; ++f) m.data_mut<std::int64_t>()[b * frames + f] = 1;
  return m;
}

std::vector<std::vector<std::int64_t>> argmax_ids(const Tensor& logits, const std::vector<std::int64_t>& lengths) {
  std::vector<std::vector<std::int64_t>> ids(lengths.size());
  const std::int64_t frames = logits.dim(1), vocab = logits.dim(2);
  for (std::size_t b = 0; b < lengths.size(); ++b)
    for (std::int64_t f = 0; f < lengths[b]; ++f) {
      const float* row = logits.data<float>() + (b * frames + f) * vocab;
      ids[b].push_back(std::max_element(row, row + vocab) - row);
    }
  return ids;
}

}  // namespace

TEST_CASE("Wav2Vec2ForCTC matches HF on the valid frames", "[models][wav2vec2]") {
  const auto dir = test::fixture("models/wav2vec2_ctc");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  const Json json = parse_json_file(dir / "expected.json");
  const auto lengths = json.at("frame_lengths").get<std::vector<std::int64_t>>();
  CHECK(models::wav2vec2::feature_frames(JsonConfigView(parse_json_file(dir / "config.json")), 8000) == 799);
  CHECK(models::wav2vec2::feature_frames(JsonConfigView(parse_json_file(dir / "config.json")), 4800) == lengths[1]);

  auto l = load("Wav2Vec2ForCTC");
  CHECK(l->report.missing.empty());
  CHECK(l->report.unexpected.empty());
  const Tensor mask = test::int_tensor_from_json(json.at("inputs").at("attention_mask"));
  const TensorMap out = l->model->forward({{"input_values", expected.at("input_values")}, {"attention_mask", mask}});
  const Tensor fmask = frame_mask(lengths, 799);
  for (const char* name : {"extract_features", "hidden_states_0", "logits"}) {
    const double diff = test::max_abs_diff_masked(out.at(name), expected.at(name), fmask);
    INFO(name << " max |diff| = " << diff);
    CHECK(diff <= 1e-4);
  }
  const auto ids = argmax_ids(out.at("logits"), lengths);
  CHECK(ids == json.at("ctc").at("predicted_ids").get<std::vector<std::vector<std::int64_t>>>());
  const Processor processor = AutoProcessor::from_pretrained(dir);
  CHECK(processor.batch_decode(ids, false) == json.at("ctc").at("decoded").get<std::vector<std::string>>());
}

TEST_CASE("Wav2Vec2Model (AutoModel) last_hidden_state matches HF", "[models][wav2vec2]") {
  const auto dir = test::fixture("models/wav2vec2_ctc");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  const Json json = parse_json_file(dir / "expected.json");
  auto l = load("Wav2Vec2Model");
  CHECK(l->report.unexpected == std::vector<std::string>{"lm_head.bias", "lm_head.weight"});
  const Tensor mask = test::int_tensor_from_json(json.at("inputs").at("attention_mask"));
  const TensorMap out = l->model->forward({{"input_values", expected.at("input_values")}, {"attention_mask", mask}});
  const Tensor fmask = frame_mask(json.at("frame_lengths").get<std::vector<std::int64_t>>(), 799);
  for (const char* name : {"last_hidden_state", "extract_features"}) {
    const double diff = test::max_abs_diff_masked(out.at(name), expected.at(name), fmask);
    INFO(name << " max |diff| = " << diff);
    CHECK(diff <= 1e-4);
  }
}

TEST_CASE("wav2vec2 end to end: WAV files → feature extractor → CTC text", "[models][wav2vec2]") {
  const auto dir = test::fixture("models/wav2vec2_ctc");
  const Json json = parse_json_file(dir / "expected.json");
  auto l = load("Wav2Vec2ForCTC");
  const Processor processor = AutoProcessor::from_pretrained(dir);
  const TensorMap features = processor.feature_extractor->from_files({dir / "audio_0.wav", dir / "audio_1.wav"});
  const TensorMap out = l->model->forward(features);
  const auto ids = argmax_ids(out.at("logits"), json.at("frame_lengths").get<std::vector<std::int64_t>>());
  CHECK(processor.batch_decode(ids, true) == json.at("ctc").at("decoded_skip_special_tokens").get<std::vector<std::string>>());
}

TEST_CASE("wav2vec2 input errors name the tensor", "[models][wav2vec2][errors]") {
  auto l = load("Wav2Vec2ForCTC");
  CHECK_THROWS_WITH(l->model->forward({{"input_values", Tensor(DType::kF32, {1, 5})}}), Catch::Contains("input_values"));
  CHECK_THROWS_WITH(l->model->forward({{"input_values", Tensor(DType::kF32, {1, 400})}, {"attention_mask", Tensor(DType::kI64, {1, 300})}}),
                    Catch::Contains("attention_mask"));
  CHECK_THROWS_WITH(l->model->forward({{"pixel_values", Tensor(DType::kF32, {1, 400})}}), Catch::Contains("pixel_values"));
}

TEST_CASE("transcribe entry point (CTC)", "[models][wav2vec2][pipeline]") {
  const auto dir = test::fixture("models/wav2vec2_ctc");
  const Json json = parse_json_file(dir / "expected.json");
  auto l = load("Wav2Vec2ForCTC");
  const Processor processor = AutoProcessor::from_pretrained(dir);
  // audio_0 is the longest clip, so alone it runs exactly as batch row 0 did.
  CHECK(transcribe(*l->model, l->config, processor, dir, dir / "audio_0.wav") ==
        json.at("ctc").at("decoded_skip_special_tokens")[0].get<std::string>());
  CHECK_THROWS_WITH(transcribe(*l->model, l->config, processor, dir, dir / "vocab.json"), Catch::Contains("vocab.json"));
}

TEST_CASE("wav2vec2 from_config (no weights), group-norm post-LN variant, builds and runs", "[models][wav2vec2]") {
  Json json = parse_json_file(test::fixture("models/wav2vec2_ctc") / "config.json");
  json["feat_extract_norm"] = "group";
  json["do_stable_layer_norm"] = false;
  JsonConfigView config(json);
  ModelRequest request{config, "Wav2Vec2ForCTC", "", Json::object(), nullptr, 3, nullptr};
  auto model = models::wav2vec2::create(request);
  const TensorMap out = model->forward({{"input_values", Tensor(DType::kF32, {1, 1000})}});
  CHECK(out.at("logits").shape() == Shape{1, models::wav2vec2::feature_frames(config, 1000), 32});
  CHECK(out.at("extract_features").shape() == Shape{1, 99, 32});
}
