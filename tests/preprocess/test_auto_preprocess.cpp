// AutoProcessor / AutoFeatureExtractor / AutoImageProcessor class resolution, like HF's.
#include <catch2/catch.hpp>

#include <fstream>

#include "runtime/core/error.h"
#include "runtime/preprocess/processor.h"
#include "tests/support/fixtures.h"

using namespace autoclass;

namespace {
class FakeDecoder : public TextDecoder {
 public:
  std::string class_name() const override { return "Fake"; }
  std::string decode(const std::vector<std::int64_t>& ids, bool) const override { return std::to_string(ids.size()); }
};
}  // namespace

TEST_CASE("AutoProcessor picks the processor class of each fixture", "[preprocess][auto]") {
  const Processor w2v = AutoProcessor::from_pretrained(test::fixture("models/wav2vec2_ctc"));
  CHECK(w2v.class_name == "Wav2Vec2Processor");
  REQUIRE(w2v.feature_extractor);
  CHECK(w2v.feature_extractor->class_name() == "Wav2Vec2FeatureExtractor");
  REQUIRE(w2v.tokenizer);
  CHECK(w2v.tokenizer->class_name() == "Wav2Vec2CTCTokenizer");

  const Processor whisper_no_tok = AutoProcessor::from_pretrained(test::fixture("models/whisper_tiny"));
  CHECK(whisper_no_tok.class_name == "WhisperProcessor");
  CHECK(whisper_no_tok.feature_extractor->class_name() == "WhisperFeatureExtractor");
  CHECK_FALSE(whisper_no_tok.tokenizer);
  CHECK_THROWS_WITH(whisper_no_tok.decode({1}, true), Catch::Contains("no tokenizer"));

  const Processor whisper = AutoProcessor::from_pretrained(
      test::fixture("models/whisper_tiny"), [](const std::filesystem::path&) { return std::make_shared<FakeDecoder>(); });
  REQUIRE(whisper.tokenizer);
  CHECK(whisper.decode({1, 2, 3}, true) == "3");

  const Processor vit = AutoProcessor::from_pretrained(test::fixture("models/vit_imgcls"));
  CHECK(vit.class_name == "ViTImageProcessor");
  CHECK(vit.image_processor);
  CHECK_FALSE(vit.tokenizer);
}

TEST_CASE("model_type fallback and errors", "[preprocess][auto][errors]") {
  test::TempDir tmp;
  std::ofstream(tmp.path() / "config.json") << R"({"model_type": "wav2vec2"})";
  std::ofstream(tmp.path() / "preprocessor_config.json") << R"({"sampling_rate": 16000, "return_attention_mask": true})";
  CHECK(AutoFeatureExtractor::from_pretrained(tmp.path())->class_name() == "Wav2Vec2FeatureExtractor");

  std::ofstream(tmp.path() / "preprocessor_config.json") << R"({"processor_class": "LayoutLMv3Processor"})";
  CHECK_THROWS_WITH(AutoProcessor::from_pretrained(tmp.path()), Catch::Contains("LayoutLMv3Processor"));

  std::ofstream(tmp.path() / "preprocessor_config.json") << R"({"sampling_rate": 16000,)";
  CHECK_THROWS_WITH(AutoFeatureExtractor::from_pretrained(tmp.path()), Catch::Contains("preprocessor_config.json"));

  test::TempDir empty;
  CHECK_THROWS_WITH(AutoImageProcessor::from_pretrained(empty.path()), Catch::Contains("preprocessor_config.json"));
  CHECK_THROWS_WITH(AutoProcessor::from_pretrained(empty.path() / "nope"), Catch::Contains("nope"));
}
