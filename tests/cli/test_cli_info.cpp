// autoclass --help / list / config / info / bench: output shapes and contents on the fixtures.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/cli/cli_runner.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using namespace autoclass::test;

namespace {
std::string model_dir(const std::string& name) { return fixture("models/" + name).string(); }
}  // namespace

TEST_CASE("autoclass --help lists every subcommand, and each has its own --help", "[cli]") {
  const auto r = run_cli({"--help"});
  REQUIRE(r.exit_code == 0);
  for (const char* cmd : {"list", "config", "info", "tokenize", "forward", "generate", "download", "bench"}) {
    INFO(cmd);
    CHECK(contains(r.out, std::string("  ") + cmd));
    const auto sub = run_cli({cmd, "--help"});
    CHECK(sub.exit_code == 0);
    CHECK(contains(sub.out, std::string("autoclass ") + cmd));
  }
  const auto bare = run_cli({});
  CHECK(bare.exit_code == 2);
}

TEST_CASE("autoclass list --json has model_types, auto_classes and compiled_in", "[cli]") {
  const auto r = run_cli({"list", "--json"});
  REQUIRE(r.exit_code == 0);
  const Json j = r.out_json();
  REQUIRE(j["model_types"].is_array());
  REQUIRE(j["auto_classes"].is_object());
  REQUIRE(j["compiled_in"].is_array());
  const auto has = [](const Json& arr, const std::string& v) { return std::find(arr.begin(), arr.end(), Json(v)) != arr.end(); };
  for (const char* t : {"bert", "gpt2", "llama", "t5", "roberta", "xlm-roberta"}) {
    INFO(t);
    CHECK(has(j["model_types"], t));
    CHECK(has(j["compiled_in"], t));  // the default build compiles everything in
  }
  CHECK(j["auto_classes"]["AutoModelForCausalLM"]["llama"] == "LlamaForCausalLM");
  CHECK(j["auto_classes"]["AutoModelForCausalLM"]["gpt2"] == "GPT2LMHeadModel");
  CHECK(j["auto_classes"]["AutoModelForMaskedLM"]["bert"] == "BertForMaskedLM");
  CHECK(j["auto_classes"]["AutoModelForSeq2SeqLM"]["t5"] == "T5ForConditionalGeneration");
  CHECK(!j["auto_classes"]["AutoModelForMaskedLM"].contains("gpt2"));  // HF has no GPT-2 MLM
}

TEST_CASE("autoclass list --task keeps only that Auto class (name or task alias)", "[cli]") {
  for (const char* task : {"AutoModelForCausalLM", "causal-lm"}) {
    INFO(task);
    const auto r = run_cli({"list", "--json", "--task", task});
    REQUIRE(r.exit_code == 0);
    const Json j = r.out_json();
    REQUIRE(j["auto_classes"].size() == 1);
    CHECK(j["auto_classes"]["AutoModelForCausalLM"]["mistral"] == "MistralForCausalLM");
  }
  const auto bad = run_cli({"list", "--task", "AutoModelForCasualLM"});
  CHECK(bad.exit_code == 2);
  CHECK(contains(bad.err, "did you mean 'AutoModelForCausalLM'"));
}

TEST_CASE("autoclass config --json fills defaults, and --save round-trips", "[cli]") {
  const std::string dir = model_dir("bert_mlm");
  const auto r = run_cli({"config", dir, "--json"});
  REQUIRE(r.exit_code == 0);
  const Json cfg = r.out_json();
  const Json file = parse_json_file(fixture("models/bert_mlm/config.json"));
  // Every value the file sets comes through unchanged...
  for (const char* key : {"model_type", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
                          "vocab_size", "hidden_act", "layer_norm_eps"}) {
    INFO(key);
    REQUIRE(cfg.contains(key));
    CHECK(cfg[key] == file[key]);
  }
  // ...and fields the file leaves out get BertConfig / PretrainedConfig defaults.
  CHECK(cfg.size() > file.size());
  std::size_t defaults_checked = 0;
  for (const auto& [key, value] : std::vector<std::pair<std::string, Json>>{
           {"position_embedding_type", "absolute"}, {"use_cache", true}, {"classifier_dropout", nullptr},
           {"is_encoder_decoder", false}, {"add_cross_attention", false}, {"tie_word_embeddings", true},
           {"chunk_size_feed_forward", 0}, {"return_dict", true}, {"output_hidden_states", false}}) {
    INFO(key);
    if (file.contains(key)) continue;
    ++defaults_checked;
    REQUIRE(cfg.contains(key));
    CHECK(cfg[key] == value);
  }
  CHECK(defaults_checked >= 6);  // the file sets none of the PretrainedConfig base fields above

  TempDir out;
  const auto saved = run_cli({"config", dir, "--save", out.path().string()});
  REQUIRE(saved.exit_code == 0);
  REQUIRE(std::filesystem::exists(out.path() / "config.json"));
  const auto again = run_cli({"config", (out.path() / "config.json").string(), "--json"});
  REQUIRE(again.exit_code == 0);
  CHECK(again.out_json() == cfg);
}

TEST_CASE("autoclass config warns about a misspelt key (did you mean)", "[cli]") {
  TempDir tmp;
  Json file = parse_json_file(fixture("models/bert_mlm/config.json"));
  file["hiden_size"] = 32;
  std::ofstream(tmp.path() / "config.json") << file.dump(2);
  const auto r = run_cli({"config", tmp.path().string(), "--json"});
  CHECK(r.exit_code == 0);  // HF keeps unknown keys; it is only a warning
  CHECK(contains(r.err, "did you mean 'hidden_size'"));
  CHECK(contains(r.err, "hiden_size"));
  const Json cfg = r.out_json();
  CHECK(cfg["hidden_size"] == parse_json_file(fixture("models/bert_mlm/config.json"))["hidden_size"]);

  const auto strict = run_cli({"config", tmp.path().string(), "--strict"});
  CHECK(strict.exit_code == 1);

  const auto clean = run_cli({"config", model_dir("bert_mlm"), "--json"});
  CHECK(!contains(clean.err, "did you mean"));
}

TEST_CASE("autoclass info prints the resolution chain", "[cli]") {
  const auto r = run_cli({"info", model_dir("bert_mlm")});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "model_type:      bert"));
  CHECK(contains(r.out, "BertConfig"));
  CHECK(contains(r.out, "AutoModelForMaskedLM -> BertForMaskedLM"));
  CHECK(contains(r.out, "AutoModel -> BertModel"));
  CHECK(contains(r.out, "tokenizer:"));
  CHECK(contains(r.out, "weights:"));

  const auto j = run_cli({"info", model_dir("llama"), "--json"});
  REQUIRE(j.exit_code == 0);
  const Json info = j.out_json();
  CHECK(info["model_type"] == "llama");
  CHECK(info["config_class"] == "LlamaConfig");
  CHECK(info["auto_classes"]["AutoModelForCausalLM"] == "LlamaForCausalLM");
  CHECK(info["weights"]["count"].get<int>() > 0);
}

TEST_CASE("autoclass bench --json reports forward, prefill and decode statistics", "[cli]") {
  const auto check_stats = [](const Json& s) {
    REQUIRE(s.is_object());
    for (const char* k : {"median", "min", "max"}) REQUIRE(s[k].is_number());
    CHECK(s["min"].get<double>() > 0);
    CHECK(s["min"].get<double>() <= s["median"].get<double>());
    CHECK(s["median"].get<double>() <= s["max"].get<double>());
  };
  const auto enc = run_cli({"bench", model_dir("bert_mlm"), "--auto-class", "AutoModelForMaskedLM", "--batch", "2", "--seq",
                            "8", "--runs", "2", "--threads", "1", "--json"});
  REQUIRE(enc.exit_code == 0);
  check_stats(enc.out_json()["forward_ms"]);

  const auto dec = run_cli({"bench", model_dir("gpt2"), "--auto-class", "AutoModelForCausalLM", "--batch", "1", "--seq",
                            "8", "--new-tokens", "4", "--runs", "2", "--threads", "1", "--json"});
  REQUIRE(dec.exit_code == 0);
  const Json j = dec.out_json();
  check_stats(j["forward_ms"]);
  check_stats(j["prefill_tokens_per_s"]);
  check_stats(j["decode_tokens_per_s"]);
}
