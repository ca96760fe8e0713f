// ViT kernel family vs HF on the vit_imgcls fixture: logits, last_hidden_state, hidden_states_0
// within 1e-4, and the end-to-end image → label path.
#include <catch2/catch.hpp>

#include "models/vit/vit_family.h"
#include "runtime/config/config_view.h"
#include "runtime/core/error.h"
#include "runtime/preprocess/image_processor.h"
#include "runtime/preprocess/pipelines.h"
#include "runtime/safetensors/checkpoint.h"
#include "tests/preprocess/reference_tensors.h"
#include "tests/models/family_fixture.h"
#include "tests/support/fixtures.h"

using namespace autoclass;

namespace {

std::unique_ptr<test::FamilyFixture> load(const std::string& architecture) {
  return test::load_family_fixture("models/vit_imgcls", architecture, &models::vit::create);
}

}  // namespace

TEST_CASE("ViTForImageClassification matches HF", "[models][vit]") {
  const auto dir = test::fixture("models/vit_imgcls");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  auto l = load("ViTForImageClassification");
  CHECK(l->report.missing.empty());
  CHECK(l->report.unexpected.empty());
  const TensorMap out = l->model->forward({{"pixel_values", expected.at("pixel_values")}});
  for (const char* name : {"logits", "hidden_states_0"}) {
    const double diff = test::max_abs_diff(out.at(name), expected.at(name));
    INFO(name << " max |diff| = " << diff);
    CHECK(diff <= 1e-4);
  }
}

TEST_CASE("ViTModel (AutoModel) last_hidden_state matches HF", "[models][vit]") {
  const auto dir = test::fixture("models/vit_imgcls");
  const auto expected = test::read_safetensors(dir / "expected.safetensors");
  auto l = load("ViTModel");
  CHECK(l->report.unexpected == std::vector<std::string>{"classifier.bias", "classifier.weight"});
  const TensorMap out = l->model->forward({{"pixel_values", expected.at("pixel_values")}});
  const double diff = test::max_abs_diff(out.at("last_hidden_state"), expected.at("last_hidden_state"));
  INFO("max |diff| = " << diff);
  CHECK(diff <= 1e-4);
  CHECK(out.count("pooler_output") == 1);
}

TEST_CASE("ViT end to end: PNG files → processor → labels", "[models][vit]") {
  const auto dir = test::fixture("models/vit_imgcls");
  const Json expected = parse_json_file(dir / "expected.json");
  auto l = load("ViTForImageClassification");
  const ImageProcessor processor = AutoImageProcessor::from_pretrained(dir);
  std::vector<std::filesystem::path> files;
  for (const auto& f : expected.at("inputs").at("images")) files.push_back(dir / f.get<std::string>());
  const Tensor logits = l->model->forward(processor.from_files(files)).at("logits");
  const auto ids = expected.at("predicted").at("ids").get<std::vector<std::int64_t>>();
  for (std::int64_t b = 0; b < logits.dim(0); ++b) {
    const float* row = logits.data<float>() + b * logits.dim(1);
    CHECK(std::max_element(row, row + logits.dim(1)) - row == ids[b]);
  }
}

TEST_CASE("ViT rejects bad pixel_values naming the tensor", "[models][vit][errors]") {
  auto l = load("ViTForImageClassification");
  CHECK_THROWS_WITH(l->model->forward({{"pixel_values", Tensor(DType::kF32, {1, 3, 16, 16})}}),
                    Catch::Contains("pixel_values") && Catch::Contains("[1, 3, 16, 16]"));
  CHECK_THROWS_WITH(l->model->forward({{"input_ids", Tensor(DType::kI64, {1, 3})}}), Catch::Contains("input_ids"));
}

TEST_CASE("classify_image entry point: label and score", "[models][vit][pipeline]") {
  const auto dir = test::fixture("models/vit_imgcls");
  auto l = load("ViTForImageClassification");
  const ImageProcessor processor = AutoImageProcessor::from_pretrained(dir);
  const auto top = classify_image(*l->model, l->config, processor, dir / "image_1.png", 5);
  REQUIRE(top.size() == 5);
  CHECK(top[0].id == 4);
  CHECK(top[0].label == "horse");
  float total = 0;
  for (const auto& c : top) total += c.score;
  CHECK(total == Approx(1.0f).epsilon(1e-5));
  CHECK(top[0].score >= top[1].score);
  CHECK_THROWS_WITH(classify_image(*l->model, l->config, processor, dir / "config.json"), Catch::Contains("config.json"));
}

TEST_CASE("ViT from_config (no weights) builds and runs", "[models][vit]") {
  JsonConfigView config(parse_json_file(test::fixture("models/vit_imgcls") / "config.json"));
  LoadReport report;
  ModelRequest request{config, "ViTForImageClassification", "", Json::object(), nullptr, 7, &report};
  auto model = models::vit::create(request);
  const TensorMap out = model->forward({{"pixel_values", Tensor(DType::kF32, {2, 3, 32, 32})}});
  CHECK(out.at("logits").shape() == Shape{2, 5});
  CHECK(out.at("last_hidden_state").shape() == Shape{2, 17, 64});
}
