// Every line of tests/fixtures/tokenizers/*/cases.jsonl: HF's ids for encode(text, add_special_tokens)
// must come out exactly. Also times loading (gemma3: 262k vocab, 514k merges).
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>

#include "runtime/tokenizer/auto_tokenizer.h"
#include "runtime/tokenizer/unicode.h"
#include "tests/support/fixtures.h"

using autoclass::AutoTokenizer;
using autoclass::Json;

namespace {
std::vector<Json> read_cases(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<Json> out;
  std::string line;
  while (std::getline(in, line)) if (!line.empty()) out.push_back(Json::parse(line));
  return out;
}

std::string ids_string(const std::vector<std::int64_t>& ids) {
  std::ostringstream s;
  s << '[';
  for (std::size_t i = 0; i < ids.size(); ++i) s << (i ? "," : "") << ids[i];
  s << ']';
  return s.str();
}

void check_fixture(const std::string& name) {
  const auto dir = autoclass::test::fixture("tokenizers/" + name);
  const auto t0 = std::chrono::steady_clock::now();
  const AutoTokenizer tok = AutoTokenizer::from_pretrained(dir);
  const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO(name << " loaded in " << load_s << " s");
  WARN(name << ": loaded in " << load_s << " s");
  const auto cases = read_cases(dir / "cases.jsonl");
  REQUIRE(!cases.empty());
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Json& c = cases[i];
    const std::string text = c.at("text").get<std::string>();
    const bool special = c.at("add_special_tokens").get<bool>();
    const auto expected = c.at("ids").get<std::vector<std::int64_t>>();
    const auto got = tok.encode(text, special).ids;
    if (got != expected) {
      ++mismatches;
      UNSCOPED_INFO(name << " line " << i + 1 << " text=" << Json(text).dump() << " special=" << special
                         << "\n  expected " << ids_string(expected) << "\n  got      " << ids_string(got));
    }
  }
  CHECK(mismatches == 0);
}
}  // namespace

TEST_CASE("fixture tokenizers reproduce HF ids on every case", "[tokenizer][fixtures]") {
  for (const char* name : {"gpt2", "bert-base-uncased", "llama2", "llama3", "qwen3", "gemma3", "phi-3", "t5-small",
                           "falcon", "roberta-base", "whisper", "gpt4o"}) {
    SECTION(name) { check_fixture(name); }
  }
}

TEST_CASE("byte-level BPE round-trips every case text", "[tokenizer][fixtures]") {
  for (const char* name : {"gpt2", "llama3", "qwen3", "gpt4o", "roberta-base", "falcon", "whisper"}) {
    SECTION(name) {
      const auto dir = autoclass::test::fixture(std::string("tokenizers/") + name);
      const AutoTokenizer tok = AutoTokenizer::from_pretrained(dir);
      for (const Json& c : read_cases(dir / "cases.jsonl")) {
        const std::string text = c.at("text").get<std::string>();
        // qwen3 NFC-normalizes its input, so it round-trips to the NFC form.
        const std::string want =
            std::string(name) == "qwen3" ? autoclass::tok::unicode_normalize(text, autoclass::tok::NormForm::kNFC) : text;
        const auto ids = tok.encode(text, false).ids;
        CHECK(tok.decode(ids, false, false) == want);
      }
    }
  }
}

// The load time is printed, not asserted (timings belong to bench/): thread CPU time, as the machine may be shared.
TEST_CASE("gemma3 (262k vocab, 514k merges) loads, with its added token beyond the model vocabulary", "[tokenizer][fixtures]") {
  auto cpu = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  };
  const double c0 = cpu();
  const AutoTokenizer tok = AutoTokenizer::from_pretrained(autoclass::test::fixture("tokenizers/gemma3"));
  const double s = cpu() - c0;
  WARN("gemma3 load: " << s << " s CPU");
  CHECK(tok.vocab_size() == 262144);
  CHECK(tok.size() == 262145);  // + <image_soft_token>, an added token beyond the model vocabulary
}
