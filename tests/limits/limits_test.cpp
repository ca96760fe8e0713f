// Limits: files and texts far beyond anything real. Each must either work or fail fast with an error
// that names the file (or line) and the limit, never exhaust memory, crash, or hang. (Tensor shapes whose
// byte size overflows, and lying safetensors headers: tests/safetensors/test_hostile_files.cpp; a 1 GiB
// line on `tokenize --jsonl`: tests/cli/test_cli_errors.cpp.)
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <functional>
#include <string>

#include "runtime/config/auto_config.h"
#include "runtime/core/error.h"
#include "runtime/tokenizer/auto_tokenizer.h"
#include "runtime/tokenizer/pipeline.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {
// A file of `size` bytes that begins with `head`; the rest is a hole (no disk, no memory).
fs::path sparse_file(const fs::path& path, const std::string& head, std::uintmax_t size) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << head;
  fs::resize_file(path, size);
  return path;
}

ErrorKind kind_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    INFO(e.what());
    return e.kind();
  }
  FAIL("no error");
  return ErrorKind::kInternal;
}

std::string nested(const std::string& key, int depth) {
  return "{\"model_type\": \"bert\", \"" + key + "\": " + std::string(depth, '[') + std::string(depth, ']') + "}";
}
}  // namespace

TEST_CASE("a multi-GB config.json is refused by size before it is read") {
  test::TempDir tmp;
  sparse_file(tmp.path() / "m/config.json", "{\"model_type\": \"bert\", \"pad\": \"", std::uintmax_t{3} << 30);
  REQUIRE_THROWS_WITH(AutoConfig::from_pretrained(tmp.path() / "m"),
                      Contains("config.json: file is 3072.0 MiB") && Contains("refuses config.json files over 256.0 MiB"));
  CHECK(kind_of([&] { AutoConfig::from_pretrained(tmp.path() / "m"); }) == ErrorKind::kLimit);
}

TEST_CASE("a deeply nested config.json is refused with line and column, not a stack overflow") {
  test::TempDir tmp;
  fs::create_directories(tmp.path() / "m");
  std::ofstream(tmp.path() / "m/config.json") << nested("x", 200000);
  REQUIRE_THROWS_WITH(AutoConfig::from_pretrained(tmp.path() / "m"),
                      Contains("config.json:1:") && Contains("nested deeper than 512 levels"));
}

TEST_CASE("a big but legal config (100k labels) loads and round-trips") {
  Json config = {{"model_type", "bert"}, {"id2label", Json::object()}};
  for (int i = 0; i < 100000; ++i) config["id2label"][std::to_string(i)] = "LABEL_" + std::to_string(i);
  auto cfg = AutoConfig::from_json(config, "big");
  CHECK(cfg->num_labels() == 100000);
  CHECK(AutoConfig::from_json(cfg->to_save_json(), "again")->to_save_json() == cfg->to_save_json());
}

TEST_CASE("a multi-GB tokenizer.json is refused by size before it is read") {
  test::TempDir tmp;
  const auto path = sparse_file(tmp.path() / "tokenizer.json", "{\"model\": {\"vocab\": {\"", std::uintmax_t{5} << 30);
  REQUIRE_THROWS_WITH(tok::Pipeline::from_file(path), Contains("tokenizer.json: file is 5120.0 MiB") &&
                                                           Contains("over 1024.0 MiB"));
}

TEST_CASE("a deeply nested tokenizer.json is refused") {
  const std::string text = "{\"model\": {\"type\": \"WordLevel\", \"vocab\": {\"a\": 0}, \"unk_token\": \"a\"}, \"normalizer\": " +
                           std::string(100000, '[') + std::string(100000, ']') + "}";
  REQUIRE_THROWS_WITH(tok::Pipeline::from_text(text, "deep/tokenizer.json"), Contains("nested deeper than 512 levels"));
}

TEST_CASE("a vocab of 10^7 entries loads and tokenizes") {
  constexpr int kVocab = 10'000'000;
  std::string text = "{\"model\": {\"type\": \"WordLevel\", \"unk_token\": \"[UNK]\", \"vocab\": {\"[UNK]\": 0";
  text.reserve(std::size_t{kVocab} * 20);
  for (int i = 1; i < kVocab; ++i) text += ",\"w" + std::to_string(i) + "\":" + std::to_string(i);
  text += "}}, \"pre_tokenizer\": {\"type\": \"WhitespaceSplit\"}}";
  const auto t0 = std::chrono::steady_clock::now();
  const tok::Pipeline p = tok::Pipeline::from_text(text, "big/tokenizer.json");
  WARN("10^7-entry tokenizer.json (" << text.size() / (1 << 20) << " MiB) loaded in "
       << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s");
  CHECK(p.vocab_size(false) == kVocab);
  const Encoding e = p.encode("w1 w9999999 w5000000 nope", std::nullopt, false);
  CHECK(e.ids == std::vector<std::int64_t>{1, 9999999, 5000000, 0});
  CHECK(p.id_to_token(9999999) == "w9999999");
}

TEST_CASE("a 1 GiB text is refused up front and texts up to the limit work") {
  const tok::Pipeline gpt2 = tok::Pipeline::from_file(test::fixture("tokenizers/gpt2/tokenizer.json"));
  const std::string gib(std::size_t{1} << 30, 'a');
  REQUIRE_THROWS_WITH(gpt2.encode(gib, std::nullopt, false),
                      Contains("tokenizer input of 1073741824 bytes is over the limit") && Contains("split it into chunks"));
  CHECK(kind_of([&] { gpt2.encode("ok", std::string_view(gib), false); }) == ErrorKind::kLimit);  // the pair too

  // The limit is the only thing in the way: at a lowered limit, a text of exactly that size works.
  tok::Pipeline small = tok::Pipeline::from_file(test::fixture("tokenizers/gpt2/tokenizer.json"));
  small.max_input_bytes = 1 << 20;
  std::string words;
  while (words.size() < small.max_input_bytes) words += "hello world ";
  words.resize(small.max_input_bytes);
  CHECK(small.encode(words, std::nullopt, false).ids.size() > 100000);
  words += "x";
  CHECK(kind_of([&] { small.encode(words, std::nullopt, false); }) == ErrorKind::kLimit);
}

TEST_CASE("an 8 MiB unbroken word through byte-level BPE (the limit raised to 8 MiB)") {
  // One pre-token of 8 MiB: BPE's merge queue must not go quadratic on a word this long.
  tok::Pipeline gpt2 = tok::Pipeline::from_file(test::fixture("tokenizers/gpt2/tokenizer.json"));
  gpt2.max_input_bytes = 8 << 20;
  std::string word;
  for (std::size_t i = 0; word.size() < gpt2.max_input_bytes; ++i) word += static_cast<char>('a' + (i * 7 + i / 26) % 26);
  word.resize(gpt2.max_input_bytes);
  const Encoding e = gpt2.encode(word, std::nullopt, false);
  CHECK(e.ids.size() > word.size() / 8);
  CHECK(e.offsets.back().second == word.size());
}

TEST_CASE("a token id far beyond the vocabulary is refused, not allocated") {
  // Ids index dense tables: one entry with id 4e9 must not make the loader allocate ~128 GB.
  const std::string text = R"({"model": {"type": "WordLevel", "unk_token": "a", "vocab": {"a": 0, "b": 4000000000}}})";
  REQUIRE_THROWS_WITH(tok::Pipeline::from_text(text, "ids/tokenizer.json"),
                      Contains("/model/vocab/b") && Contains("token id 4000000000 is beyond"));
  const std::string added = R"({"model": {"type": "WordLevel", "unk_token": "a", "vocab": {"a": 0}},
                                 "added_tokens": [{"id": 3000000000, "content": "<x>", "special": true}]})";
  REQUIRE_THROWS_WITH(tok::Pipeline::from_text(added, "ids/tokenizer.json"), Contains("token id out of range"));
}

TEST_CASE("AutoTokenizer takes the input limit as an option") {
  TokenizerOptions options;
  options.max_input_bytes = 10;
  const AutoTokenizer tok = AutoTokenizer::from_pretrained(test::fixture("tokenizers/gpt2"), options);
  CHECK(tok.encode("0123456789", false).ids.size() > 0);
  CHECK(kind_of([&] { tok.encode("0123456789a", false); }) == ErrorKind::kLimit);
  CHECK(AutoTokenizer::from_pretrained(test::fixture("tokenizers/gpt2")).encode(std::string(1000, 'a'), false).ids.size() > 0);
}
