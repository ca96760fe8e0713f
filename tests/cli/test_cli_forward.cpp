// autoclass forward: inputs.json (HF forward kwargs) -> out.safetensors, compared with HF's references.
#include <catch2/catch.hpp>

#include <fstream>

#include "runtime/safetensors/safetensors_file.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using namespace autoclass::test;

namespace {

struct ForwardCase {
  std::string fixture_name;
  std::string auto_class;
  std::map<std::string, std::string> kwargs;  // forward() argument -> key in expected.json "inputs"
  std::vector<std::string> outputs;           // tensor names, same in out.safetensors and expected.safetensors
  std::string mask;                           // key in "inputs" selecting the compared [batch, position] rows; "" = all
};

void check_forward(const ForwardCase& c) {
  INFO(c.fixture_name << " " << c.auto_class);
  const auto dir = fixture("models/" + c.fixture_name);
  const Json expected = parse_json_file(dir / "expected.json");
  Json kwargs = Json::object();
  for (const auto& [arg, key] : c.kwargs) kwargs[arg] = expected["inputs"][key];
  TempDir tmp;
  const auto inputs = tmp.path() / "inputs.json", out = tmp.path() / "out.safetensors";
  std::ofstream(inputs) << kwargs.dump();
  const auto r = run_cli({"forward", dir.string(), "--auto-class", c.auto_class, "--inputs", inputs.string(), "--out", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const SafetensorsFile got(out);
  const SafetensorsFile want(dir / "expected.safetensors");
  for (const auto& name : c.outputs) {
    INFO("tensor " << name);
    REQUIRE(got.has(name));
    const Tensor g = got.get(name), w = want.get(name);
    CHECK(g.dtype() == DType::kF32);
    REQUIRE(g.shape() == w.shape());
    const double diff = c.mask.empty() ? max_abs_diff(g, w) : max_abs_diff_masked(g, w, int_tensor_from_json(expected["inputs"][c.mask]));
    CHECK(diff <= 1e-4);
  }
}

}  // namespace

TEST_CASE("autoclass forward: bert_mlm MaskedLM logits match HF", "[cli]") {
  check_forward({"bert_mlm", "AutoModelForMaskedLM",
                 {{"input_ids", "input_ids"}, {"attention_mask", "attention_mask"}, {"token_type_ids", "token_type_ids"}},
                 {"logits"}, "attention_mask"});
}

TEST_CASE("autoclass forward: bert_mlm AutoModel last_hidden_state matches HF", "[cli]") {
  check_forward({"bert_mlm", "AutoModel",
                 {{"input_ids", "input_ids"}, {"attention_mask", "attention_mask"}, {"token_type_ids", "token_type_ids"}},
                 {"last_hidden_state"}, "attention_mask"});
}

TEST_CASE("autoclass forward: gpt2 CausalLM logits match HF (plain and left-padded)", "[cli]") {
  check_forward({"gpt2", "AutoModelForCausalLM",
                 {{"input_ids", "input_ids"}, {"attention_mask", "attention_mask"}, {"position_ids", "position_ids"}},
                 {"logits"}, "attention_mask"});
  // Left-padded batch: out.safetensors calls it "logits"; the reference is "leftpad_logits".
  const auto dir = fixture("models/gpt2");
  const Json expected = parse_json_file(dir / "expected.json");
  TempDir tmp;
  const auto inputs = tmp.path() / "inputs.json", out = tmp.path() / "out.safetensors";
  std::ofstream(inputs) << Json{{"input_ids", expected["inputs"]["leftpad_input_ids"]},
                                {"attention_mask", expected["inputs"]["leftpad_attention_mask"]},
                                {"position_ids", expected["inputs"]["leftpad_position_ids"]}}.dump();
  const auto r = run_cli({"forward", dir.string(), "--auto-class", "causal-lm", "--inputs", inputs.string(), "--out", out.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Tensor got = SafetensorsFile(out).get("logits");
  const Tensor want = SafetensorsFile(dir / "expected.safetensors").get("leftpad_logits");
  REQUIRE(got.shape() == want.shape());
  CHECK(max_abs_diff_masked(got, want, int_tensor_from_json(expected["inputs"]["leftpad_attention_mask"])) <= 1e-4);
}

TEST_CASE("autoclass forward: bert_qa writes start_logits and end_logits", "[cli]") {
  check_forward({"bert_qa", "AutoModelForQuestionAnswering",
                 {{"input_ids", "input_ids"}, {"attention_mask", "attention_mask"}, {"token_type_ids", "token_type_ids"}},
                 {"start_logits", "end_logits"}, "attention_mask"});
}

TEST_CASE("autoclass forward: t5 Seq2SeqLM logits and encoder_last_hidden_state match HF", "[cli]") {
  check_forward({"t5", "AutoModelForSeq2SeqLM",
                 {{"input_ids", "input_ids"}, {"attention_mask", "attention_mask"}, {"decoder_input_ids", "decoder_input_ids"}},
                 {"logits"}, ""});
  check_forward({"t5", "AutoModelForSeq2SeqLM",
                 {{"input_ids", "input_ids"}, {"attention_mask", "attention_mask"}, {"decoder_input_ids", "decoder_input_ids"}},
                 {"encoder_last_hidden_state"}, "attention_mask"});
}
