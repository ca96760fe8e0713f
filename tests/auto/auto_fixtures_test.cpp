// Every model fixture, loaded the way a user does (Auto class named in expected.json → generated
// mapping → kernel family), must reproduce every reference tensor HF computed, within the stated
// tolerance, and the greedy continuation exactly.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "runtime/auto/auto_model.h"
#include "runtime/config/auto_config.h"
#include "runtime/core/error.h"
#include "runtime/generation/causal_lm.h"
#include "runtime/generation/generate.h"
#include "runtime/generation/generation_config.h"
#include "runtime/generation/seq2seq.h"
#include "runtime/generation/seq2seq_generate.h"
#include "runtime/safetensors/safetensors_file.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;

namespace {

Tensor ints(const Json& v) {
  if (v.is_array() && !v.empty() && !v[0].is_array()) return test::int_tensor_from_json(Json::array({v}));
  return test::int_tensor_from_json(v);
}

const Json* find_key(const Json& j, const std::string& key) {
  if (j.is_object()) {
    if (auto it = j.find(key); it != j.end()) return &*it;
    for (const auto& [k, v] : j.items())
      if (const Json* f = find_key(v, key)) return f;
  }
  return nullptr;
}

struct Fixture {
  fs::path dir;
  Json expected;
  std::unique_ptr<SafetensorsFile> tensors;
  std::map<std::string, std::unique_ptr<Model>> models;

  explicit Fixture(const fs::path& d) : dir(d), expected(parse_json_file(d / "expected.json")) {
    tensors = std::make_unique<SafetensorsFile>(d / "expected.safetensors");
  }
  Model& model(const std::string& auto_class) {
    auto& m = models[auto_class];
    if (!m) {
      LoadOptions opts;
      opts.quiet = true;
      m = auto_model::from_pretrained(auto_class, dir.string(), opts);
    }
    return *m;
  }
  Tensor input(const std::string& key) {
    if (key.rfind("text_logits.", 0) == 0) return ints(expected["text_logits"][key.substr(12)]);
    if (key.rfind("expected.", 0) == 0) return tensors->get(key.substr(9));
    return ints(expected["inputs"][key]);
  }
};

std::vector<fs::path> fixture_dirs() {
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(test::fixture("models")))
    if (fs::exists(e.path() / "expected.json")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

}  // namespace

TEST_CASE("every fixture tensor through AutoModelFor*::from_pretrained matches HF") {
  int compared = 0;
  for (const auto& dir : fixture_dirs()) {
    Fixture fx(dir);
    const double tol = fx.expected["tolerance"].value("abs", 1e-4);
    for (const auto& [name, spec] : fx.expected["tensors"].items()) {
      const std::string output = spec.value("output", "");
      const auto call = output.find(".from_pretrained(fixture dir)(**inputs).");
      if (output.rfind("Auto", 0) != 0 || call == std::string::npos) continue;  // processor tensors: tests/preprocess
      const std::string auto_class = output.substr(0, output.find(".from_pretrained"));
      std::string attr = output.substr(call + std::string(".from_pretrained(fixture dir)(**inputs).").size());
      attr = attr.substr(0, attr.find(' '));
      if (attr == "hidden_states[0]") attr = "hidden_states_0";
      INFO(dir.filename().string() << ": " << name << " = " << auto_class << " ." << attr);
      TensorMap inputs;
      for (const auto& [arg, key] : spec["inputs"].items()) inputs[arg] = fx.input(key.get<std::string>());
      TensorMap outputs;
      try {
        outputs = fx.model(auto_class).forward(inputs);
      } catch (const Error& e) {
        FAIL_CHECK(e.what());
        continue;
      }
      REQUIRE(outputs.count(attr));
      const Tensor want = fx.tensors->get(name);
      const Tensor got = outputs.at(attr);
      REQUIRE(got.shape() == want.shape());
      const std::string compare = spec.value("compare", "");
      double diff = 0;
      if (compare.rfind("only [batch, position] entries where ", 0) == 0) {
        const std::string mask_key = compare.substr(37, compare.find(" ==", 37) - 37);
        diff = test::max_abs_diff_masked(got, want, ints(fx.expected["inputs"][mask_key]));
      } else if (compare.rfind("only [batch, frame] entries where frame < frame_lengths[batch]", 0) == 0) {
        const Json* lengths = find_key(fx.expected, "frame_lengths");
        REQUIRE(lengths);
        const std::int64_t batch = want.dim(0), frames = want.dim(1);
        std::vector<std::int64_t> mask(static_cast<std::size_t>(batch * frames), 0);
        for (std::int64_t b = 0; b < batch; ++b)
          for (std::int64_t f = 0; f < frames && f < (*lengths)[b].get<std::int64_t>(); ++f) mask[b * frames + f] = 1;
        diff = test::max_abs_diff_masked(got, want, Tensor::from_vector<std::int64_t>({batch, frames}, mask));
      } else {
        REQUIRE(compare.rfind("all elements", 0) == 0);
        diff = test::max_abs_diff(got, want);
      }
      CHECK(diff <= tol);
      ++compared;
    }
  }
  CHECK(compared >= 80);
}

TEST_CASE("greedy continuations through the Auto classes equal HF's") {
  int checked = 0;
  for (const auto& dir : fixture_dirs()) {
    Fixture fx(dir);
    const Json& greedy = fx.expected["greedy"];
    if (greedy.is_null()) continue;
    const std::string auto_class = fx.expected.value("auto_class", "");
    if (auto_class != "AutoModelForCausalLM" && auto_class != "AutoModelForSeq2SeqLM") continue;  // whisper: tests/models/whisper
    INFO(dir.filename().string());
    const auto config = AutoConfig::from_pretrained(dir);
    GenerationConfig gen = GenerationConfig::from_pretrained(dir, *config);
    gen.max_new_tokens = greedy["max_new_tokens"].get<std::int64_t>();
    gen.do_sample = false;
    gen.num_beams = 1;
    gen.eos_token_ids.clear();  // the reference is a plain argmax loop: EOS does not stop it
    gen.min_length = 0;
    gen.repetition_penalty = 1.0;
    const Tensor prompt = ints(greedy["input_ids"]);
    Tensor out;
    Model& m = fx.model(auto_class);
    if (auto* causal = dynamic_cast<CausalLM*>(&m)) out = generate(*causal, prompt, Tensor(), gen);
    else if (auto* s2s = dynamic_cast<Seq2SeqLM*>(&m)) out = generate_seq2seq(*s2s, prompt, Tensor(), gen);
    else FAIL("not a generation model: " << m.class_name());
    const auto want = greedy["output_ids"].get<std::vector<std::int64_t>>();
    const auto got = out.values<std::int64_t>();
    CHECK(std::vector<std::int64_t>(got.begin(), got.end()) == want);
    ++checked;
  }
  CHECK(checked >= 10);
}
