// WAV reading and the Wav2Vec2 / Whisper feature extractors against the fixtures' references.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include <sndfile.h>

#include "runtime/core/error.h"
#include "runtime/preprocess/audio.h"
#include "runtime/preprocess/feature_extractor.h"
#include "tests/preprocess/reference_tensors.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> fixture_audio(const fs::path& dir) {
  const Json expected = parse_json_file(dir / "expected.json");
  std::vector<fs::path> paths;
  for (const auto& name : expected.at("inputs").at("audio")) paths.push_back(dir / name.get<std::string>());
  return paths;
}

void write_wav(const fs::path& path, int format, int rate, int channels, int frames) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = format;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  REQUIRE(f != nullptr);
  std::vector<short> data(static_cast<std::size_t>(frames) * channels);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<short>((i * 997) % 20000 - 10000);
  sf_writef_short(f, data.data(), frames);
  sf_close(f);
}

}  // namespace

TEST_CASE("16-bit PCM WAV decodes as int16 / 32768", "[preprocess][audio]") {
  test::TempDir tmp;
  write_wav(tmp.path() / "x.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, 100);
  const AudioClip clip = read_audio(tmp.path() / "x.wav");
  REQUIRE(clip.samples.size() == 100);
  CHECK(clip.sample_rate == 16000);
  for (std::size_t i = 0; i < 100; ++i)
    REQUIRE(clip.samples[i] == static_cast<float>(static_cast<short>((i * 997) % 20000 - 10000)) / 32768.0f);
  const AudioClip fixture = read_audio(test::fixture("models/wav2vec2_ctc/audio_0.wav"));
  CHECK(fixture.samples.size() == 8000);
  CHECK(fixture.sample_rate == 16000);
}

TEST_CASE("Wav2Vec2 feature extractor: input_values and attention_mask match HF", "[preprocess][audio]") {
  const fs::path dir = test::fixture("models/wav2vec2_ctc");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  const Json json = parse_json_file(dir / "expected.json");
  const auto fe = AutoFeatureExtractor::from_pretrained(dir);
  CHECK(fe->class_name() == "Wav2Vec2FeatureExtractor");
  const TensorMap out = fe->from_files(fixture_audio(dir));
  REQUIRE(out.at("input_values").shape() == Shape{2, 8000});
  const double diff = test::max_abs_diff(out.at("input_values"), expected.at("input_values"));
  INFO("max |diff| = " << diff);
  CHECK(diff <= 1e-4);
  const Tensor mask_ref = test::int_tensor_from_json(json.at("inputs").at("attention_mask"));
  REQUIRE(out.at("attention_mask").shape() == mask_ref.shape());
  CHECK(std::equal(out.at("attention_mask").values<std::int64_t>().begin(), out.at("attention_mask").values<std::int64_t>().end(),
                   mask_ref.values<std::int64_t>().begin()));
  // Padding holds padding_value and the real part is zero mean / unit variance.
  const float* row1 = out.at("input_values").data<float>() + 8000;
  double sum = 0, sq = 0;
  for (int i = 0; i < 4800; ++i) sum += row1[i], sq += row1[i] * double(row1[i]);
  CHECK(std::fabs(sum / 4800) < 1e-4);
  CHECK(std::fabs(sq / 4800 - 1.0) < 1e-3);
  for (int i = 4800; i < 8000; ++i) REQUIRE(row1[i] == 0.0f);
}

TEST_CASE("Whisper feature extractor: mel filters and log-mel input_features match HF", "[preprocess][audio]") {
  const fs::path dir = test::fixture("models/whisper_tiny");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  const auto fe = AutoFeatureExtractor::from_pretrained(dir);
  REQUIRE(fe->class_name() == "WhisperFeatureExtractor");
  const auto& whisper = dynamic_cast<const WhisperFeatureExtractor&>(*fe);
  const std::vector<double>& filters = whisper.mel_filters();
  const Tensor& filters_ref = expected.at("mel_filters");
  REQUIRE(filters_ref.shape() == Shape{201, 80});
  double filter_diff = 0;
  for (std::size_t i = 0; i < filters.size(); ++i)
    filter_diff = std::max(filter_diff, std::fabs(filters[i] - filters_ref.data<float>()[i]));
  INFO("mel_filters max |diff| = " << filter_diff);
  CHECK(filter_diff <= 1e-6);

  const TensorMap out = fe->from_files(fixture_audio(dir));
  REQUIRE(out.at("input_features").shape() == Shape{2, 80, 3000});
  const double diff = test::max_abs_diff(out.at("input_features"), expected.at("input_features"));
  INFO("input_features max |diff| = " << diff);
  CHECK(diff <= 1e-4);
}

TEST_CASE("audio errors name the file", "[preprocess][audio][errors]") {
  test::TempDir tmp;
  SECTION("unsupported encoding (u-law)") {
    write_wav(tmp.path() / "ulaw.wav", SF_FORMAT_WAV | SF_FORMAT_ULAW, 16000, 1, 400);
    CHECK_THROWS_WITH(read_audio(tmp.path() / "ulaw.wav"), Catch::Contains("ulaw.wav") && Catch::Contains("encoding"));
  }
  SECTION("wrong sample rate") {
    write_wav(tmp.path() / "rate8k.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 400);
    CHECK_THROWS_WITH(load_audio(tmp.path() / "rate8k.wav", 16000), Catch::Contains("rate8k.wav") && Catch::Contains("8000"));
    const auto fe = AutoFeatureExtractor::from_pretrained(test::fixture("models/wav2vec2_ctc"));
    CHECK_THROWS_WITH(fe->from_files({tmp.path() / "rate8k.wav"}), Catch::Contains("rate8k.wav"));
  }
  SECTION("stereo") {
    write_wav(tmp.path() / "stereo.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 2, 400);
    CHECK_THROWS_WITH(read_audio(tmp.path() / "stereo.wav"), Catch::Contains("stereo.wav") && Catch::Contains("mono"));
  }
  SECTION("not audio, missing") {
    std::ofstream(tmp.path() / "text.wav") << "RIFF? no, just text\n";
    CHECK_THROWS_WITH(read_audio(tmp.path() / "text.wav"), Catch::Contains("text.wav"));
    CHECK_THROWS_WITH(read_audio(tmp.path() / "none.wav"), Catch::Contains("none.wav"));
  }
  SECTION("feature extractor config errors name the file and key") {
    std::ofstream(tmp.path() / "preprocessor_config.json")
        << R"({"feature_extractor_type": "WhisperFeatureExtractor", "sampling_rate": "16k"})";
    CHECK_THROWS_WITH(AutoFeatureExtractor::from_pretrained(tmp.path()),
                      Catch::Contains("preprocessor_config.json") && Catch::Contains("/sampling_rate"));
    std::ofstream(tmp.path() / "preprocessor_config.json") << R"({"feature_extractor_type": "SpeechT5FeatureExtractor"})";
    CHECK_THROWS_WITH(AutoFeatureExtractor::from_pretrained(tmp.path()), Catch::Contains("SpeechT5FeatureExtractor"));
  }
}
