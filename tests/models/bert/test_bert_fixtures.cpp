// Every bert-family fixture against HF's reference tensors (tests/fixtures/models/README.md):
// head outputs and hidden_states_0 from the fixture's architecture, last_hidden_state from the base
// model class (AutoModel), text_* from the tokenized-text ids; ≤ 1e-4 on the elements `compare` names.
#include <catch2/catch.hpp>

#include "runtime/safetensors/safetensors.h"
#include "tests/models/bert/bert_fixture_model.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using namespace autoclass::test;

namespace {

// "XLMRobertaForMaskedLM" -> "XLMRobertaModel" (what AutoModel builds for the same model type).
std::string base_class_of(const std::string& arch) { return arch.substr(0, arch.find("For")) + "Model"; }

// The output name inside a forward() result for an expected tensor name.
std::string output_name(const std::string& tensor) {
  if (tensor == "text_logits") return "logits";
  if (tensor == "text_start_logits") return "start_logits";
  if (tensor == "text_end_logits") return "end_logits";
  return tensor;
}

void check_fixture(const std::string& name) {
  const auto dir = fixture("models/" + name);
  const Json expected = parse_json_file(dir / "expected.json");
  const std::string arch = expected["architecture"].get<std::string>();
  const double tol = expected["tolerance"]["abs"].get<double>();
  SafetensorsFile reference(dir / "expected.safetensors");

  LoadedBert head = load_bert_fixture(name, arch);
  LoadedBert base = load_bert_fixture(name, base_class_of(arch));
  INFO(name << " load report: " << head.report.summary(arch, name));
  // The fixture checkpoints are complete and exact for their architecture.
  CHECK(head.report.missing.empty());
  CHECK(head.report.unexpected.empty());

  int checked = 0;
  for (const auto& [tensor, spec] : expected["tensors"].items()) {
    Model& model = tensor == "last_hidden_state" ? *base.model : *head.model;
    const TensorMap out = run_for_expected(model, expected, tensor);
    const std::string key = output_name(tensor);
    INFO(name << " / " << tensor << " (output " << key << ")");
    REQUIRE(out.count(key));
    const Tensor want = reference.get(tensor);
    REQUIRE(out.at(key).shape() == want.shape());
    const std::string compare = spec["compare"].get<std::string>();
    double diff;
    if (compare == "all elements") {
      diff = max_abs_diff(out.at(key), want);
    } else {
      REQUIRE(compare == "only [batch, position] entries where attention_mask == 1");
      const std::string mask_key = spec["inputs"]["attention_mask"].get<std::string>();
      diff = max_abs_diff_masked(out.at(key), want, int_tensor_from_json(expected["inputs"][mask_key]));
    }
    INFO("max |diff| = " << diff);
    CHECK(diff <= tol);
    ++checked;
  }
  CHECK(checked >= 4);
}

}  // namespace

TEST_CASE("bert_mlm matches HF", "[bert][fixtures]") { check_fixture("bert_mlm"); }
TEST_CASE("bert_seqcls matches HF", "[bert][fixtures]") { check_fixture("bert_seqcls"); }
TEST_CASE("bert_tokcls matches HF", "[bert][fixtures]") { check_fixture("bert_tokcls"); }
TEST_CASE("bert_qa matches HF", "[bert][fixtures]") { check_fixture("bert_qa"); }
TEST_CASE("distilbert_mlm matches HF", "[bert][fixtures]") { check_fixture("distilbert_mlm"); }
TEST_CASE("roberta_mlm matches HF", "[bert][fixtures]") { check_fixture("roberta_mlm"); }
TEST_CASE("xlm_roberta_mlm matches HF", "[bert][fixtures]") { check_fixture("xlm_roberta_mlm"); }
TEST_CASE("electra_mlm matches HF", "[bert][fixtures]") { check_fixture("electra_mlm"); }
