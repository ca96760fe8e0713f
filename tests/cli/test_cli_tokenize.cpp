// autoclass tokenize: single text (--json) and --jsonl from stdin, against the fixtures' HF ids.
#include <catch2/catch.hpp>

#include "tests/cli/cli_runner.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using namespace autoclass::test;

namespace {
// The single-text cases (the last case of each fixture is a text pair).
std::vector<Json> single_cases(const std::string& name) {
  const Json expected = parse_json_file(fixture("models/" + name + "/expected.json"));
  std::vector<Json> out;
  for (const auto& c : expected["tokenizer_cases"])
    if (!c.contains("text_pair")) out.push_back(c);
  return out;
}
}  // namespace

TEST_CASE("autoclass tokenize --json gives HF's ids and tokens", "[cli]") {
  for (const char* name : {"bert_mlm", "gpt2", "llama"}) {
    const auto cases = single_cases(name);
    REQUIRE(!cases.empty());
    const Json& c = cases.front();
    INFO(name << ": " << c["text"].dump());
    const auto r = run_cli({"tokenize", fixture(std::string("models/") + name).string(), "--json", c["text"].get<std::string>()});
    REQUIRE(r.exit_code == 0);
    const Json j = r.out_json();
    CHECK(j["ids"] == c["ids"]);
    CHECK(j["tokens"] == c["tokens"]);
    const auto plain = run_cli({"tokenize", fixture(std::string("models/") + name).string(), "--json",
                                "--add-special-tokens", "false", c["text"].get<std::string>()});
    REQUIRE(plain.exit_code == 0);
    CHECK(plain.out_json()["ids"] == c["ids_no_special"]);
  }
}

TEST_CASE("autoclass tokenize --jsonl - prints one result per input line", "[cli]") {
  for (const char* name : {"bert_mlm", "gpt2", "llama", "roberta_mlm", "xlm_roberta_mlm", "t5", "distilbert_mlm", "electra_mlm",
                           "bart", "qwen2"}) {
    INFO(name);
    const auto cases = single_cases(name);
    REQUIRE(!cases.empty());
    std::string input;
    for (const auto& c : cases) {
      input += Json{{"text", c["text"]}, {"add_special_tokens", true}}.dump() + "\n";
      input += Json{{"text", c["text"]}, {"add_special_tokens", false}}.dump() + "\n";
    }
    const auto r = run_cli({"tokenize", fixture(std::string("models/") + name).string(), "--jsonl", "-"}, input);
    REQUIRE(r.exit_code == 0);
    const auto lines = r.out_lines();
    REQUIRE(lines.size() == 2 * cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
      INFO("case " << i << ": " << cases[i]["text"].dump());
      CHECK(Json::parse(lines[2 * i])["ids"] == cases[i]["ids"]);
      CHECK(Json::parse(lines[2 * i])["tokens"] == cases[i]["tokens"]);
      CHECK(Json::parse(lines[2 * i + 1])["ids"] == cases[i]["ids_no_special"]);
    }
  }
}

TEST_CASE("autoclass tokenize --jsonl rejects a bad line with its line number", "[cli]") {
  const std::string input = "{\"text\": \"fine\"}\n{\"txt\": \"oops\"}\n";
  const auto r = run_cli({"tokenize", fixture("models/bert_mlm").string(), "--jsonl", "-"}, input);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("line 2") != std::string::npos);
}
