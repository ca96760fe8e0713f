// autoclass generate --json: greedy continuation equals HF's for the decoder fixtures; sampling flags.
#include <catch2/catch.hpp>

#include "tests/cli/cli_runner.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using namespace autoclass::test;

namespace {
std::string csv(const Json& ids) {
  std::string s;
  for (const auto& v : ids) s += (s.empty() ? "" : ",") + std::to_string(v.get<long long>());
  return s;
}
}  // namespace

TEST_CASE("autoclass generate --json reproduces HF's greedy output_ids", "[cli]") {
  for (const char* name : {"gpt2", "llama", "mistral", "qwen2"}) {
    INFO(name);
    const auto dir = fixture(std::string("models/") + name);
    const Json greedy = parse_json_file(dir / "expected.json")["greedy"];
    const auto r = run_cli({"generate", dir.string(), "--input-ids", csv(greedy["input_ids"]), "--max-new-tokens",
                            std::to_string(greedy["max_new_tokens"].get<int>()), "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out_json()["output_ids"] == Json::array({greedy["output_ids"]}));
  }
}

TEST_CASE("autoclass generate --json with an explicit all-ones attention mask is the same", "[cli]") {
  const auto dir = fixture("models/gpt2");
  const Json greedy = parse_json_file(dir / "expected.json")["greedy"];
  std::string ones;
  for (std::size_t i = 0; i < greedy["input_ids"].size(); ++i) ones += i ? ",1" : "1";
  const auto r = run_cli({"generate", dir.string(), "--input-ids", csv(greedy["input_ids"]), "--attention-mask", ones,
                          "--max-new-tokens", "16", "--json"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out_json()["output_ids"] == Json::array({greedy["output_ids"]}));
}

TEST_CASE("autoclass generate --do-sample: seeded runs repeat, length is prompt + max_new_tokens", "[cli]") {
  const auto dir = fixture("models/llama").string();
  const std::vector<std::string> args{"generate", dir, "--input-ids", "1,244,850,276", "--max-new-tokens", "8", "--do-sample",
                                      "--temperature", "1.5", "--top-k", "50", "--top-p", "0.95", "--seed", "7", "--json"};
  const auto a = run_cli(args), b = run_cli(args);
  INFO(a.err);
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  const Json ids = a.out_json()["output_ids"];
  CHECK(ids == b.out_json()["output_ids"]);
  REQUIRE(ids.size() == 1);
  CHECK(ids[0].size() == 12);
  CHECK(ids[0][0] == 1);
  CHECK(ids[0][3] == 276);
}

TEST_CASE("autoclass generate rejects a bad sampling value", "[cli]") {
  const auto r = run_cli({"generate", fixture("models/gpt2").string(), "--input-ids", "1,2", "--max-new-tokens", "2",
                          "--do-sample", "--top-p", "1.5", "--json"});
  CHECK(r.exit_code != 0);
  CHECK(!r.err.empty());
  CHECK(r.out.empty());
}
