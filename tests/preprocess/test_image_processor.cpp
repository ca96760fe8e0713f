// AutoImageProcessor on the vit_imgcls fixture: the Pillow BILINEAR resize must be bit-exact
// (resized_uint8) and pixel_values within 1e-4 of HF's.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>

#include "runtime/core/error.h"
#include "runtime/preprocess/image_processor.h"
#include "runtime/preprocess/pillow_resample.h"
#include "tests/preprocess/reference_tensors.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> fixture_images(const fs::path& dir) {
  const Json expected = parse_json_file(dir / "expected.json");
  std::vector<fs::path> paths;
  for (const auto& name : expected.at("inputs").at("images")) paths.push_back(dir / name.get<std::string>());
  return paths;
}

}  // namespace

TEST_CASE("ViT image processor: Pillow bilinear resize is bit-exact", "[preprocess][image]") {
  const fs::path dir = test::fixture("models/vit_imgcls");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  const Tensor& resized = expected.at("resized_uint8");  // [3, 32, 32, 3]
  const ImageProcessor processor = AutoImageProcessor::from_pretrained(dir);
  CHECK(processor.class_name() == "ViTImageProcessor");
  const auto paths = fixture_images(dir);
  REQUIRE(paths.size() == 3);
  const float* ref = resized.data<float>();
  for (std::size_t b = 0; b < paths.size(); ++b) {
    const RgbImage out = processor.resize_and_crop(load_image(paths[b]));
    REQUIRE(out.width == 32);
    REQUIRE(out.height == 32);
    int mismatches = 0;
    for (std::size_t i = 0; i < out.pixels.size(); ++i)
      if (static_cast<float>(out.pixels[i]) != ref[b * 32 * 32 * 3 + i]) ++mismatches;
    INFO("image " << paths[b]);
    CHECK(mismatches == 0);
  }
}

TEST_CASE("ViT image processor: pixel_values match HF within 1e-4", "[preprocess][image]") {
  const fs::path dir = test::fixture("models/vit_imgcls");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  const ImageProcessor processor = AutoImageProcessor::from_pretrained(dir);
  const TensorMap out = processor.from_files(fixture_images(dir));
  const Tensor& pv = out.at("pixel_values");
  REQUIRE(pv.shape() == Shape{3, 3, 32, 32});
  const double diff = test::max_abs_diff(pv, expected.at("pixel_values"));
  INFO("max |diff| = " << diff);
  CHECK(diff <= 1e-4);
}

TEST_CASE("Pillow resize: upscaling, identity and other filters", "[preprocess][image]") {
  RgbImage img{4, 2, {}};
  for (int i = 0; i < 4 * 2 * 3; ++i) img.pixels.push_back(static_cast<std::uint8_t>(i * 10));
  // Same size: a copy.
  CHECK(pillow_resize(img, 4, 2, PilResample::kBilinear).pixels == img.pixels);
  // Upscaling 2x horizontally with bilinear (half-pixel centres): out[1] = 0.75 in[0] + 0.25 in[1].
  const RgbImage up = pillow_resize(img, 8, 2, PilResample::kBilinear);
  CHECK(up.pixels[3 * 1] == static_cast<int>(std::lround(0.75 * 0 + 0.25 * 30)));
  CHECK(up.pixels[3 * 0] == 0);  // the edge pixel only sees itself
  // A constant image stays constant under every filter (weights sum to 1).
  RgbImage flat{7, 5, std::vector<std::uint8_t>(7 * 5 * 3, 123)};
  for (auto r : {PilResample::kNearest, PilResample::kBilinear, PilResample::kBicubic, PilResample::kBox,
                 PilResample::kHamming, PilResample::kLanczos}) {
    const RgbImage out = pillow_resize(flat, 3, 9, r);
    for (auto v : out.pixels) REQUIRE(v == 123);
  }
  CHECK_THROWS_AS(pillow_resize(img, 0, 3, PilResample::kBilinear), Error);
  CHECK_THROWS_AS(pil_resample_from_int(9, "cfg"), Error);
}

TEST_CASE("image processor config: size variants and errors name the file", "[preprocess][image][errors]") {
  test::TempDir tmp;
  auto write = [&](const std::string& json) { std::ofstream(tmp.path() / "preprocessor_config.json") << json; };
  write(R"({"image_processor_type": "CLIPImageProcessor", "size": {"shortest_edge": 8}, "crop_size": {"height": 8, "width": 8}})");
  const ImageProcessor clip = AutoImageProcessor::from_pretrained(tmp.path());
  RgbImage wide{20, 10, std::vector<std::uint8_t>(20 * 10 * 3, 50)};
  const RgbImage out = clip.resize_and_crop(wide);
  CHECK(out.width == 8);
  CHECK(out.height == 8);
  const TensorMap t = clip({wide});
  CHECK(t.at("pixel_values").shape() == Shape{1, 3, 8, 8});

  write(R"({"feature_extractor_type": "ViTFeatureExtractor", "size": 16})");
  CHECK(AutoImageProcessor::from_pretrained(tmp.path()).class_name() == "ViTImageProcessor");

  write(R"({"image_processor_type": "ViTImageProcessor", "size": {"longest_edge": 3}})");
  CHECK_THROWS_WITH(AutoImageProcessor::from_pretrained(tmp.path()), Catch::Contains("preprocessor_config.json") && Catch::Contains("/size"));
  write(R"({"image_processor_type": "ViTImageProcessor", "image_mean": [0.5, 0.5]})");
  CHECK_THROWS_WITH(AutoImageProcessor::from_pretrained(tmp.path()), Catch::Contains("/image_mean"));
  write(R"({"image_processor_type": "DetrImageProcessor"})");
  CHECK_THROWS_WITH(AutoImageProcessor::from_pretrained(tmp.path()), Catch::Contains("DetrImageProcessor"));
  write(R"({"do_resize": true})");
  CHECK_THROWS_WITH(AutoImageProcessor::from_pretrained(tmp.path()), Catch::Contains("cannot tell"));
}
