// How the Auto classes pick and refuse: HF's architectures rule, the "Unrecognized configuration class"
// message, model types without a kernel, from_config and register_model.
#include <catch2/catch.hpp>

#include "generated/tables/auto_classes.h"
#include "runtime/config/auto_config.h"
#include "runtime/core/error.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using Catch::Matchers::Contains;

TEST_CASE("the Auto class picks the architecture named in config.architectures") {
  auto cfg = AutoConfig::from_pretrained(test::fixture("models/bert_qa"));
  CHECK(auto_model::pick_architecture("AutoModelForQuestionAnswering", *cfg) == "BertForQuestionAnswering");
  auto model = AutoModelForMaskedLM::from_pretrained(test::fixture("models/bert_mlm").string(), LoadOptions{0, true});
  CHECK(model->class_name() == "BertForMaskedLM");
  auto base = AutoModel::from_pretrained(test::fixture("models/roberta_mlm").string(), LoadOptions{0, true});
  CHECK(base->class_name() == "RobertaModel");
}

TEST_CASE("an Auto class that does not support the config says which ones do") {
  try {
    AutoModelForCausalLM::from_pretrained(test::fixture("models/vit_imgcls").string());
    FAIL("no error");
  } catch (const Error& e) {
    CHECK_THAT(e.what(), Contains("Unrecognized configuration class ViTConfig") && Contains("AutoModelForCausalLM") &&
                             Contains("'vit' is supported by: AutoModel") && Contains("AutoModelForImageClassification"));
    CHECK(std::string(e.what()).size() < 1200);  // short: not a dump of 400 names
  }
}

TEST_CASE("a checkpoint whose auto_map names custom code for the Auto class: never run, say how to register") {
  auto cfg = AutoConfig::from_json(
      {{"model_type", "vit"}, {"auto_map", {{"AutoModelForCausalLM", "modeling_myvit.MyViTForCausalLM"}}}}, "x");
  try {
    auto_model::pick_architecture("AutoModelForCausalLM", *cfg);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK_THAT(e.what(), Contains("\"modeling_myvit.MyViTForCausalLM\"") &&
                             Contains("never runs code from a checkpoint") &&
                             Contains("AutoModelForCausalLM::register_model(\"vit\", maker)"));
  }
}

TEST_CASE("a known model type without a kernel says so, not 'unknown model'") {
  auto cfg = AutoConfig::for_model("albert");
  try {
    AutoModelForMaskedLM::from_config(*cfg);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kUnsupported);
    CHECK_THAT(e.what(), Contains("no kernel exists yet for AlbertForMaskedLM"));
  }
}

TEST_CASE("from_config builds a seeded random model and a missing weight is reported") {
  auto cfg = AutoConfig::from_pretrained(test::fixture("models/bert_mlm"));
  LoadOptions opts;
  opts.seed = 7;
  auto a = AutoModelForMaskedLM::from_config(*cfg, opts);
  auto b = AutoModelForMaskedLM::from_config(*cfg, opts);
  const TensorMap in{{"input_ids", Tensor::from_vector<std::int64_t>({1, 3}, {1, 2, 3})}};
  CHECK(test::max_abs_diff(a->forward(in).at("logits"), b->forward(in).at("logits")) == 0.0);
  // A head model on a base-model checkpoint: the head is newly initialised and reported.
  LoadReport report;
  LoadOptions quiet;
  quiet.quiet = true;
  quiet.report = &report;
  AutoModelForSequenceClassification::from_pretrained(test::fixture("models/bert_mlm").string(), quiet);
  bool classifier_missing = false;
  for (const auto& m : report.missing) classifier_missing = classifier_missing || m.find("classifier") != std::string::npos;
  CHECK(classifier_missing);
}

TEST_CASE("register_model adds a user class and built-in mappings need exist_ok") {
  CHECK_THROWS_WITH(AutoModelForMaskedLM::register_model("bert", [](const PretrainedConfig&, const WeightSource*, const LoadOptions&) {
                      return std::unique_ptr<Model>();
                    }),
                    Contains("already used"));
  struct Echo : Model {
    std::string class_name() const override { return "EchoModel"; }
    TensorMap forward(const TensorMap& in) override { return in; }
  };
  AutoModel::register_model("albert", [](const PretrainedConfig&, const WeightSource*, const LoadOptions&) {
    return std::unique_ptr<Model>(new Echo());
  }, /*exist_ok=*/true);
  auto m = AutoModel::from_config(*AutoConfig::for_model("albert"));
  CHECK(m->class_name() == "EchoModel");
}
