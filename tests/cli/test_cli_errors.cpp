// Bad usage and bad input: non-zero exit (2 usage, 1 failure), a message on stderr, nothing half-written.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/cli/cli_runner.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using namespace autoclass::test;


TEST_CASE("unknown command: exit 2 with a suggestion", "[cli]") {
  const auto r = run_cli({"forwrd"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "unknown command 'forwrd'"));
  CHECK(contains(r.err, "did you mean 'forward'"));
  CHECK(r.out.empty());
}

TEST_CASE("unknown flag: exit 2 naming the flag with a suggestion", "[cli]") {
  const auto r = run_cli({"generate", fixture("models/gpt2").string(), "--input-ids", "1,2", "--max-new-token", "3"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "'--max-new-token'"));
  CHECK(contains(r.err, "did you mean '--max-new-tokens'"));
  CHECK(contains(r.err, "usage:"));
}

TEST_CASE("a flag missing its value, or a bad integer: exit 2", "[cli]") {
  CHECK(run_cli({"bench", fixture("models/bert_mlm").string(), "--batch"}).exit_code == 2);
  const auto r = run_cli({"bench", fixture("models/bert_mlm").string(), "--batch", "two"});
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, "--batch"));
}

TEST_CASE("missing model folder: exit 1 naming it", "[cli]") {
  TempDir tmp;
  const auto missing = (tmp.path() / "no_such_model").string();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"config", missing, "--json"}, {"info", missing}, {"tokenize", missing, "--json", "hi"},
        {"generate", missing, "--input-ids", "1", "--max-new-tokens", "1", "--json"}}) {
    INFO(args[0]);
    const auto r = run_cli(args, "", CliEnv{{{"HF_HUB_OFFLINE", "1"}, {"HF_ENDPOINT", "http://127.0.0.1:9"}}, {}});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "no_such_model"));
  }
}

TEST_CASE("malformed inputs.json: exit 1 naming the file, no output written", "[cli]") {
  TempDir tmp;
  const auto out = tmp.path() / "out.safetensors";
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"truncated", "{\"input_ids\": [[1, 2, 3]"},
      {"not an object", "[[1, 2, 3]]"},
      {"ragged rows", "{\"input_ids\": [[1, 2, 3], [4, 5]]}"},
      {"string ids", "{\"input_ids\": [[\"a\", \"b\"]]}"}};
  for (const auto& [what, text] : bad) {
    INFO(what);
    const auto inputs = tmp.path() / "inputs.json";
    std::ofstream(inputs) << text;
    const auto r = run_cli({"forward", fixture("models/bert_mlm").string(), "--auto-class", "AutoModelForMaskedLM", "--inputs",
                            inputs.string(), "--out", out.string()});
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "inputs.json"));
    CHECK(!std::filesystem::exists(out));
  }
  const auto r = run_cli({"forward", fixture("models/bert_mlm").string(), "--auto-class", "AutoModelForMaskedLM", "--inputs",
                          (tmp.path() / "absent.json").string(), "--out", out.string()});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "absent.json"));
}

TEST_CASE("wrong Auto class for the model: exit 1 naming both", "[cli]") {
  TempDir tmp;
  const auto inputs = tmp.path() / "inputs.json", out = tmp.path() / "out.safetensors";
  std::ofstream(inputs) << "{\"input_ids\": [[1, 2, 3]]}";
  const auto r = run_cli({"forward", fixture("models/gpt2").string(), "--auto-class", "AutoModelForMaskedLM", "--inputs",
                          inputs.string(), "--out", out.string()});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "AutoModelForMaskedLM"));
  CHECK(contains(r.err, "gpt2"));
  CHECK(!std::filesystem::exists(out));

  const auto typo = run_cli({"forward", fixture("models/gpt2").string(), "--auto-class", "AutoModelForCausalLLM", "--inputs",
                             inputs.string(), "--out", out.string()});
  CHECK(typo.exit_code == 2);
  CHECK(contains(typo.err, "did you mean 'AutoModelForCausalLM'"));
}

TEST_CASE("generate on an encoder-only model: exit 1 with a message", "[cli]") {
  const auto r = run_cli({"generate", fixture("models/bert_mlm").string(), "--input-ids", "1,2", "--max-new-tokens", "2", "--json"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "bert"));
}

TEST_CASE("tokenize --jsonl: a 1 GiB line is refused by its length, after the lines before it", "[cli]") {
  TempDir tmp;
  const auto file = tmp.path() / "in.jsonl";
  std::ofstream(file, std::ios::binary) << "{\"text\": \"Hello world\"}\n{\"text\": \"";
  std::filesystem::resize_file(file, std::uintmax_t{1} << 30);  // the rest of the line is a hole: no disk used
  const auto r = run_cli({"tokenize", fixture("tokenizers/gpt2").string(), "--jsonl", file.string()}, "", {}, 120);
  CHECK(r.exit_code == 1);
  CHECK(r.out_lines().size() == 1);  // the first line's result came out
  CHECK(contains(r.err, "line 2 is longer than"));
  CHECK(contains(r.err, "split it"));
}
