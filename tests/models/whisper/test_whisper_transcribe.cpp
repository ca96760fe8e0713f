// The transcribe entry point on whisper_tiny: WAV → log-mel → greedy → AutoTokenizer decode, equal to
// HF's decoded greedy text. Separate from test_whisper because it needs autoclass_tokenizer.
#include <catch2/catch.hpp>

#include "models/whisper/whisper_family.h"
#include "runtime/config/config_view.h"
#include "runtime/preprocess/auto_tokenizer_decoder.h"
#include "runtime/preprocess/pipelines.h"
#include "runtime/preprocess/processor.h"
#include "runtime/safetensors/checkpoint.h"
#include "tests/support/fixtures.h"

using namespace autoclass;

namespace {

struct Loaded {
  JsonConfigView config;
  std::unique_ptr<WeightSource> weights;
  std::unique_ptr<Model> model;
};

std::unique_ptr<Loaded> load(const std::string& architecture) {
  const auto dir = test::fixture("models/whisper_tiny");
  auto l = std::unique_ptr<Loaded>(new Loaded{JsonConfigView(parse_json_file(dir / "config.json")), open_checkpoint(dir), nullptr});
  ModelRequest request{l->config, architecture, "", Json::object(), l->weights.get(), 0, nullptr};
  l->model = models::whisper::create(request);
  return l;
}

}  // namespace

TEST_CASE("transcribe entry point (Whisper, greedy, AutoTokenizer decode)", "[models][whisper][pipeline]") {
  const auto dir = test::fixture("models/whisper_tiny");
  const Json greedy = parse_json_file(dir / "expected.json").at("greedy");
  auto l = load("WhisperForConditionalGeneration");
  const Processor processor = AutoProcessor::from_pretrained(dir, auto_tokenizer_loader());
  REQUIRE(processor.tokenizer);
  TranscribeOptions options;
  options.max_new_tokens = greedy.at("max_new_tokens").get<std::int64_t>();
  options.decoder_prefix = greedy.at("decoder_input_ids").get<std::vector<std::int64_t>>();
  CHECK(transcribe(*l->model, l->config, processor, dir, dir / "audio_0.wav", options) ==
        greedy.at("decoded_skip_special_tokens").get<std::string>());
  // Without an explicit prefix: decoder_start_token_id (generation_config.json has no forced ids).
  CHECK(default_decoder_prefix(l->config, dir) == std::vector<std::int64_t>{1000});
}
