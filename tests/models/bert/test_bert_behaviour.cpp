// Behaviour of the bert family beyond the reference tensors: padding invariance, HF's
// base_model_prefix loading in both directions, from_config initialisation, multiple choice,
// defaults of optional inputs, and clear errors for bad requests and inputs.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "models/bert/bert_family.h"
#include "runtime/core/error.h"
#include "tests/models/bert/bert_fixture_model.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using namespace autoclass::test;

namespace {

Tensor ids(const std::vector<std::vector<std::int64_t>>& rows) {
  Json j = rows;
  return int_tensor_from_json(j);
}

// Max |a[row r, :len] - b[0, :len]| for [batch, seq, ...] tensors.
double row_diff(const Tensor& batched, std::int64_t r, const Tensor& single, std::int64_t len) {
  const std::int64_t seq = batched.dim(1), inner = batched.numel() / (batched.dim(0) * seq);
  double m = 0;
  for (std::int64_t s = 0; s < len; ++s)
    for (std::int64_t i = 0; i < inner; ++i)
      m = std::max(m, std::fabs(double(batched.data<float>()[(r * seq + s) * inner + i]) -
                                single.data<float>()[s * inner + i]));
  return m;
}

// Weights held in memory under chosen names (to fake a checkpoint saved by another class).
class MapSource : public WeightSource {
 public:
  std::map<std::string, Tensor, std::less<>> tensors;
  bool has(std::string_view n) const override { return tensors.find(n) != tensors.end(); }
  Tensor get(std::string_view n) const override {
    auto it = tensors.find(n);
    if (it == tensors.end()) throw Error(ErrorKind::kNotFound, "no tensor " + std::string(n));
    return it->second;
  }
  std::vector<std::string> names() const override {
    std::vector<std::string> v;
    for (const auto& [k, t] : tensors) v.push_back(k);
    return v;
  }
  std::string origin() const override { return "memory"; }
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("a padded row gives the same outputs as the row alone", "[bert]") {
  for (const auto& [fixture_name, arch] : std::vector<std::pair<std::string, std::string>>{
           {"bert_mlm", "BertForMaskedLM"}, {"roberta_mlm", "RobertaForMaskedLM"}, {"distilbert_mlm", "DistilBertForMaskedLM"}}) {
    INFO(fixture_name);
    const Json expected = parse_json_file(fixture("models/" + fixture_name) / "expected.json");
    LoadedBert m = load_bert_fixture(fixture_name, arch);
    TensorMap in;
    in["input_ids"] = int_tensor_from_json(expected["inputs"]["input_ids"]);
    in["attention_mask"] = int_tensor_from_json(expected["inputs"]["attention_mask"]);
    const TensorMap batched = m.model->forward(in);
    // Row 1 has 9 real tokens followed by padding.
    std::vector<std::int64_t> row1 = expected["inputs"]["input_ids"][1].get<std::vector<std::int64_t>>();
    row1.resize(9);
    const TensorMap alone = m.model->forward({{"input_ids", ids({row1})}});
    CHECK(row_diff(batched.at("logits"), 1, alone.at("logits"), 9) < 1e-5);
    CHECK(row_diff(batched.at("last_hidden_state"), 1, alone.at("last_hidden_state"), 9) < 1e-5);
  }
}

TEST_CASE("optional inputs default as in HF", "[bert]") {
  LoadedBert m = load_bert_fixture("bert_qa", "BertForQuestionAnswering");
  const Tensor x = ids({{2, 14, 61, 71, 3}, {2, 15, 61, 67, 3}});
  const TensorMap plain = m.model->forward({{"input_ids", x}});
  const TensorMap spelled = m.model->forward({{"input_ids", x},
                                              {"attention_mask", ids({{1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}})},
                                              {"token_type_ids", ids({{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}})},
                                              {"position_ids", ids({{0, 1, 2, 3, 4}})}});
  CHECK(max_abs_diff(plain.at("start_logits"), spelled.at("start_logits")) == 0.0);
  CHECK(max_abs_diff(plain.at("end_logits"), spelled.at("end_logits")) == 0.0);
  // Segment ids do matter.
  const TensorMap seg = m.model->forward({{"input_ids", x}, {"token_type_ids", ids({{0, 0, 1, 1, 1}, {0, 0, 0, 1, 1}})}});
  CHECK(max_abs_diff(plain.at("start_logits"), seg.at("start_logits")) > 1e-3);
}

TEST_CASE("BertModel loads a BertForMaskedLM checkpoint and reports like HF", "[bert][loading]") {
  LoadedBert base = load_bert_fixture("bert_mlm", "BertModel");
  // The MLM checkpoint has no pooler: initialised and reported missing; its head is unused.
  CHECK(contains(base.report.missing, "pooler.dense.weight"));
  CHECK(contains(base.report.missing, "pooler.dense.bias"));
  CHECK(base.report.missing.size() == 2);
  CHECK(contains(base.report.unexpected, "cls.predictions.bias"));
  CHECK(contains(base.report.unexpected, "cls.predictions.transform.dense.weight"));
  CHECK_FALSE(base.report.summary("BertModel", "bert_mlm").empty());
  const TensorMap out = base.model->forward({{"input_ids", ids({{2, 14, 61, 3}})}});
  CHECK(out.count("pooler_output"));
  CHECK(out.at("pooler_output").shape() == Shape{1, 64});
}

TEST_CASE("BertForMaskedLM loads a base-model checkpoint (no 'bert.' prefix)", "[bert][loading]") {
  // Re-save bert_mlm's encoder under BertModel names, without the head.
  const auto dir = fixture("models/bert_mlm");
  SafetensorsFile full(dir / "model.safetensors");
  MapSource base;
  for (const auto& n : full.names())
    if (n.rfind("bert.", 0) == 0) base.tensors[n.substr(5)] = full.get(n);
  JsonConfigView config(parse_json_file(dir / "config.json"));
  LoadReport report;
  ModelRequest req{config, "BertForMaskedLM", "", Json::object(), &base, 0, &report};
  auto model = models::bert::create(req);
  CHECK(report.unexpected.empty());
  CHECK(contains(report.missing, "cls.predictions.transform.dense.weight"));
  CHECK(contains(report.missing, "cls.predictions.bias"));
  CHECK_FALSE(contains(report.missing, "bert.embeddings.word_embeddings.weight"));
  // The encoder is the checkpoint's: last_hidden_state equals the original model's.
  LoadedBert original = load_bert_fixture("bert_mlm", "BertForMaskedLM");
  const TensorMap in = {{"input_ids", ids({{2, 14, 61, 71, 3}})}};
  CHECK(max_abs_diff(model->forward(in).at("last_hidden_state"), original.model->forward(in).at("last_hidden_state")) == 0.0);
}

TEST_CASE("from_config initialises every parameter from the seed", "[bert][init]") {
  LoadedBert a = load_bert_fixture("electra_mlm", "ElectraForMaskedLM", false, 7);
  LoadedBert b = load_bert_fixture("electra_mlm", "ElectraForMaskedLM", false, 7);
  LoadedBert c = load_bert_fixture("electra_mlm", "ElectraForMaskedLM", false, 8);
  const TensorMap in = {{"input_ids", ids({{2, 14, 61, 71, 3}})}};
  const TensorMap oa = a.model->forward(in), ob = b.model->forward(in), oc = c.model->forward(in);
  CHECK(oa.at("logits").shape() == Shape{1, 5, 1000});
  CHECK(max_abs_diff(oa.at("logits"), ob.at("logits")) == 0.0);
  CHECK(max_abs_diff(oa.at("logits"), oc.at("logits")) > 1e-4);
  for (float v : oa.at("logits").values<float>()) REQUIRE(std::isfinite(v));
  // from_config is not a load: nothing is reported.
  CHECK(a.report.missing.empty());
}

TEST_CASE("multiple choice scores each choice independently", "[bert]") {
  for (const auto& [fixture_name, arch] : std::vector<std::pair<std::string, std::string>>{
           {"bert_seqcls", "BertForMultipleChoice"},
           {"roberta_mlm", "RobertaForMultipleChoice"},
           {"distilbert_mlm", "DistilBertForMultipleChoice"},
           {"electra_mlm", "ElectraForMultipleChoice"}}) {
    INFO(arch);
    LoadedBert m = load_bert_fixture(fixture_name, arch, false, 3);
    Tensor x(DType::kI64, {1, 3, 4});
    const std::vector<std::int64_t> v = {5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    std::copy(v.begin(), v.end(), x.data_mut<std::int64_t>());
    Tensor swapped = x.clone();  // choices 0 and 2 exchanged
    for (int s = 0; s < 4; ++s) std::swap(swapped.data_mut<std::int64_t>()[s], swapped.data_mut<std::int64_t>()[8 + s]);
    const Tensor l = m.model->forward({{"input_ids", x}}).at("logits");
    const Tensor ls = m.model->forward({{"input_ids", swapped}}).at("logits");
    REQUIRE(l.shape() == Shape{1, 3});
    CHECK(l.data<float>()[0] == Approx(ls.data<float>()[2]).margin(1e-6));
    CHECK(l.data<float>()[2] == Approx(ls.data<float>()[0]).margin(1e-6));
    CHECK(l.data<float>()[0] != Approx(l.data<float>()[1]).margin(1e-6));
  }
}

TEST_CASE("other heads build and give HF's output shapes", "[bert]") {
  struct Case { std::string fixture, arch, output; Shape shape; };
  const std::vector<Case> cases = {
      {"roberta_mlm", "RobertaForSequenceClassification", "logits", {1, 2}},
      {"xlm_roberta_mlm", "XLMRobertaForTokenClassification", "logits", {1, 4, 2}},
      {"distilbert_mlm", "DistilBertForSequenceClassification", "logits", {1, 2}},
      {"distilbert_mlm", "DistilBertForQuestionAnswering", "start_logits", {1, 4}},
      {"electra_mlm", "ElectraForSequenceClassification", "logits", {1, 2}},
      {"electra_mlm", "ElectraForPreTraining", "logits", {1, 4}},
      {"electra_mlm", "ElectraModel", "last_hidden_state", {1, 4, 64}},
      {"bert_tokcls", "BertForTokenClassification", "logits", {1, 4, 5}},
      {"roberta_mlm", "RobertaForQuestionAnswering", "end_logits", {1, 4}},
      {"electra_mlm", "ElectraForTokenClassification", "logits", {1, 4, 2}},
  };
  for (const auto& c : cases) {
    INFO(c.arch);
    LoadedBert m = load_bert_fixture(c.fixture, c.arch, false, 1);
    const TensorMap out = m.model->forward({{"input_ids", ids({{5, 6, 7, 8}})}});
    REQUIRE(out.count(c.output));
    CHECK(out.at(c.output).shape() == c.shape);
    // None of these classes has a pooler in HF (add_pooling_layer=False, or no pooler at all).
    CHECK(out.count("pooler_output") == 0u);
  }
}

TEST_CASE("bad requests and inputs are clear errors", "[bert][errors]") {
  LoadedBert m = load_bert_fixture("bert_mlm", "BertForMaskedLM");
  auto message = [&](const TensorMap& in) {
    try {
      m.model->forward(in);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(message({{"input_ids", ids({{2, 3}})}, {"pixel_values", ids({{1}})}}), Catch::Contains("pixel_values"));
  CHECK_THAT(message({{"input_ids", ids({{2, 1000}})}}), Catch::Contains("word_embeddings"));
  CHECK_THAT(message({{"input_ids", ids({{2, 3}})}, {"token_type_ids", ids({{0, 2}})}}), Catch::Contains("token_type_ids"));
  CHECK_THAT(message({{"input_ids", ids({{2, 3}})}, {"attention_mask", ids({{1, 1, 1}})}}), Catch::Contains("attention_mask"));
  CHECK_THAT(message({{"attention_mask", ids({{1, 1}})}}), Catch::Contains("input_ids"));
  CHECK_THAT(message({{"input_ids", Tensor(DType::kF32, {1, 2})}}), Catch::Contains("integers"));
  CHECK_THAT(message({{"input_ids", Tensor(DType::kI64, {1, 65})}}), Catch::Contains("max_position_embeddings"));

  JsonConfigView config(parse_json_file(fixture("models/bert_mlm") / "config.json"));
  auto build = [&](const std::string& arch, Json options) {
    try {
      models::bert::create({config, arch, "", std::move(options), nullptr, 0, nullptr});
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(build("BertLMHeadModel", Json::object()), Catch::Contains("BertLMHeadModel"));
  CHECK_THAT(build("BertModel", {{"colour", "red"}}), Catch::Contains("colour"));
  CHECK_THAT(build("BertModel", {{"layout", "gpt"}}), Catch::Contains("layout"));
  Json bad = config.json();
  bad["hidden_act"] = "wobble";
  JsonConfigView bad_config(bad);
  CHECK_THROWS_WITH(models::bert::create({bad_config, "BertModel", "", Json::object(), nullptr, 0, nullptr}),
                    Catch::Contains("wobble"));
  bad = config.json();
  bad["position_embedding_type"] = "relative_key";
  JsonConfigView rel_config(bad);
  CHECK_THROWS_WITH(models::bert::create({rel_config, "BertModel", "", Json::object(), nullptr, 0, nullptr}),
                    Catch::Contains("relative_key"));
}
