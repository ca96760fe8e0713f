// Error handling, fallbacks and API behaviour: malformed tokenizer.json names the JSON path,
// invalid UTF-8 is rejected cleanly, vocab-file fallbacks equal tokenizer.json, batching/padding/
// truncation, offsets.
#include <catch2/catch.hpp>

#include <fstream>

#include "runtime/core/error.h"
#include "runtime/tokenizer/auto_tokenizer.h"
#include "tests/support/fixtures.h"

using autoclass::AutoTokenizer;
using autoclass::Json;
namespace fs = std::filesystem;

namespace {
void write(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

std::string load_error(const fs::path& dir) {
  try {
    AutoTokenizer::from_pretrained(dir);
  } catch (const autoclass::Error& e) {
    return e.what();
  }
  return "";
}

Json small_bpe() {
  return Json::parse(R"({
    "version": "1.0", "added_tokens": [], "normalizer": null,
    "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
    "post_processor": null, "decoder": {"type": "ByteLevel"},
    "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}})");
}
}  // namespace

TEST_CASE("malformed tokenizer.json errors name the JSON path", "[tokenizer][errors]") {
  autoclass::test::TempDir tmp;
  {
    Json doc = small_bpe();
    doc["model"]["merges"] = Json::array({"a c"});
    write(tmp.path() / "tokenizer.json", doc.dump());
    const std::string msg = load_error(tmp.path());
    CHECK_THAT(msg, Catch::Contains("tokenizer.json") && Catch::Contains("/model/merges/0"));
  }
  {
    Json doc = small_bpe();
    doc["pre_tokenizer"] = Json::parse(R"({"type": "Sequence", "pretokenizers": [{"type": "Nope"}]})");
    write(tmp.path() / "tokenizer.json", doc.dump());
    CHECK_THAT(load_error(tmp.path()), Catch::Contains("/pre_tokenizer/pretokenizers/0/type") && Catch::Contains("Nope"));
  }
  {
    Json doc = small_bpe();
    doc["model"]["vocab"]["b"] = "one";
    write(tmp.path() / "tokenizer.json", doc.dump());
    CHECK_THAT(load_error(tmp.path()), Catch::Contains("/model/vocab/b"));
  }
  {
    Json doc = small_bpe();
    doc["pre_tokenizer"] = Json::parse(R"({"type": "Split", "pattern": {"Regex": "(unclosed"}, "behavior": "Isolated"})");
    write(tmp.path() / "tokenizer.json", doc.dump());
    CHECK_THAT(load_error(tmp.path()), Catch::Contains("/pre_tokenizer/pattern") && Catch::Contains("regex"));
  }
  {
    write(tmp.path() / "tokenizer.json", "{\"model\": {\"type\": \"BPE\", ");
    CHECK_THAT(load_error(tmp.path()), Catch::Contains("tokenizer.json:1:"));
  }
  {
    Json doc = small_bpe();
    doc["model"]["merges"] = Json::array({Json::array({"a", "b"})});  // new [left, right] form is fine
    write(tmp.path() / "tokenizer.json", doc.dump());
    const AutoTokenizer tok = AutoTokenizer::from_pretrained(tmp.path());
    CHECK(tok.encode("abab", false).ids == std::vector<std::int64_t>{2, 2});
  }
  autoclass::test::TempDir empty;
  CHECK_THAT(load_error(empty.path()), Catch::Contains("no tokenizer found"));
}

TEST_CASE("invalid UTF-8 input is rejected with a clear error", "[tokenizer][errors]") {
  for (const char* name : {"gpt2", "bert-base-uncased", "t5-small", "llama2"}) {
    const AutoTokenizer tok = AutoTokenizer::from_pretrained(autoclass::test::fixture(std::string("tokenizers/") + name));
    for (const std::string& bad : {std::string("abc\xff"), std::string("\xc3"), std::string("a\xed\xa0\x80z"),
                                  std::string("ok \xe2\x82 then")}) {
      try {
        tok.encode(bad, true);
        FAIL("no error for invalid UTF-8");
      } catch (const autoclass::Error& e) {
        CHECK(e.kind() == autoclass::ErrorKind::kInvalidArgument);
        CHECK_THAT(std::string(e.what()), Catch::Contains("not valid UTF-8"));
      }
    }
    // Decoding ids into invalid byte sequences gives U+FFFD, never a crash.
    CHECK_NOTHROW(tok.decode({0, 1, 2, 3, 100, 200, 300}, false));
  }
  const AutoTokenizer gpt2 = AutoTokenizer::from_pretrained(autoclass::test::fixture("tokenizers/gpt2"));
  const auto id = gpt2.token_to_id("\xC3\xA4");  // "ä" in the byte alphabet = byte 0xE4 alone
  REQUIRE(id);
  CHECK(gpt2.decode({*id}, false) == "\xEF\xBF\xBD");
}

TEST_CASE("vocab-file fallbacks give the same ids as tokenizer.json", "[tokenizer][fallback]") {
  autoclass::test::TempDir tmp;
  const auto bert = autoclass::test::fixture("tokenizers/bert-base-uncased");
  for (const char* f : {"vocab.txt", "tokenizer_config.json", "special_tokens_map.json"}) fs::copy_file(bert / f, tmp.path() / f);
  const AutoTokenizer from_vocab = AutoTokenizer::from_pretrained(tmp.path());
  const AutoTokenizer from_json = AutoTokenizer::from_pretrained(bert);
  autoclass::test::TempDir tmp2;
  const auto gpt2 = autoclass::test::fixture("tokenizers/gpt2");
  for (const char* f : {"vocab.json", "merges.txt"}) fs::copy_file(gpt2 / f, tmp2.path() / f);
  autoclass::TokenizerOptions gpt2_hint;
  gpt2_hint.tokenizer_class_hint = "GPT2TokenizerFast";  // no tokenizer_config.json in this folder
  const AutoTokenizer bpe_files = AutoTokenizer::from_pretrained(tmp2.path(), gpt2_hint);
  const AutoTokenizer bpe_json = AutoTokenizer::from_pretrained(gpt2, gpt2_hint);
  CHECK(bpe_files.eos_token_id() == 50256);
  CHECK(bpe_json.eos_token_id() == 50256);
  for (const char* text : {"Hello, World! Don't stop.", "  spaces\tand\nnewlines  ", "Café naïve 日本語 🤗", "[CLS] x [SEP]",
                           "<|endoftext|>after"}) {
    CHECK(from_vocab.encode(text, true).ids == from_json.encode(text, true).ids);
    CHECK(from_vocab.encode(text, "second text", true).type_ids == from_json.encode(text, "second text", true).type_ids);
    CHECK(bpe_files.encode(text, true).ids == bpe_json.encode(text, true).ids);
  }
}

TEST_CASE("batch encoding: padding, truncation, threads, pairs", "[tokenizer][batch]") {
  const AutoTokenizer tok = AutoTokenizer::from_pretrained(autoclass::test::fixture("tokenizers/bert-base-uncased"));
  const std::vector<std::string> texts = {"short", "a somewhat longer sentence with more words", "", "mid length text"};
  autoclass::BatchOptions opt;
  opt.padding = autoclass::PaddingStrategy::kLongest;
  const auto one = tok.encode_batch(texts, opt);
  opt.num_threads = 2;
  const auto two = tok.encode_batch(texts, opt);
  REQUIRE(one.rows.size() == 4);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    CHECK(one.rows[i].ids == two.rows[i].ids);
    CHECK(one.rows[i].size() == one.rows[1].size());
    const auto plain = tok.encode(texts[i], true).ids;
    CHECK(std::vector<std::int64_t>(one.rows[i].ids.begin(), one.rows[i].ids.begin() + static_cast<long>(plain.size())) == plain);
  }
  CHECK(one.rows[0].attention_mask[3] == 0);
  CHECK(one.rows[0].ids[3] == *tok.pad_token_id());

  opt.padding = autoclass::PaddingStrategy::kMaxLength;
  opt.max_length = 6;
  opt.truncation = true;
  opt.padding_side = "left";
  const auto cut = tok.encode_batch(texts, opt);
  for (const auto& row : cut.rows) CHECK(row.size() == 6);
  CHECK(cut.rows[1].ids.front() == 101);  // truncated but still [CLS] ... [SEP]
  CHECK(cut.rows[1].ids.back() == 102);
  CHECK(cut.rows[0].ids[0] == 0);         // left padding
  CHECK(cut.rows[0].attention_mask[0] == 0);

  autoclass::BatchOptions popt;
  popt.truncation = true;
  popt.max_length = 8;
  const auto pairs = tok.encode_batch_pairs({{"first text is rather long indeed", "second"}}, popt);
  CHECK(pairs.rows[0].size() == 8);
  CHECK(pairs.rows[0].type_ids.back() == 1);
}

TEST_CASE("offsets point into the original text", "[tokenizer][offsets]") {
  const std::string text = "Héllo wörld, <|endoftext|> ok";
  for (const char* name : {"gpt2", "bert-base-uncased", "llama2", "t5-small"}) {
    const AutoTokenizer tok = AutoTokenizer::from_pretrained(autoclass::test::fixture(std::string("tokenizers/") + name));
    const auto enc = tok.encode(text, false);
    INFO(name);
    for (std::size_t i = 0; i < enc.size(); ++i) {
      CHECK(enc.offsets[i].first <= enc.offsets[i].second);
      CHECK(enc.offsets[i].second <= text.size());
    }
  }
  const AutoTokenizer gpt2 = AutoTokenizer::from_pretrained(autoclass::test::fixture("tokenizers/gpt2"));
  const auto enc = gpt2.encode("Hello world", false);
  REQUIRE(enc.size() == 2);
  CHECK(enc.offsets[0] == std::pair<std::size_t, std::size_t>{0, 5});
  CHECK(enc.offsets[1] == std::pair<std::size_t, std::size_t>{5, 11});
  // RobertaProcessing trim_offsets drops the "Ġ" space from offsets (values from HF tokenizers 0.23.2).
  const AutoTokenizer roberta = AutoTokenizer::from_pretrained(autoclass::test::fixture("tokenizers/roberta-base"));
  const auto r = roberta.encode("Hello  world x", true);
  using Off = std::vector<std::pair<std::size_t, std::size_t>>;
  CHECK(r.offsets == Off{{0, 0}, {0, 5}, {6, 6}, {7, 12}, {13, 14}, {0, 0}});
  const AutoTokenizer bert = AutoTokenizer::from_pretrained(autoclass::test::fixture("tokenizers/bert-base-uncased"));
  const auto b = bert.encode("Héllo", true);
  REQUIRE(b.size() == 3);
  CHECK(b.offsets[1] == std::pair<std::size_t, std::size_t>{0, 6});
  CHECK(b.special_tokens_mask == std::vector<std::int64_t>{1, 0, 1});
}

TEST_CASE("token <-> id conversions and special tokens", "[tokenizer][api]") {
  const AutoTokenizer tok = AutoTokenizer::from_pretrained(autoclass::test::fixture("tokenizers/llama3"));
  CHECK(tok.bos_token_id() == 128000);
  CHECK(tok.convert_ids_to_tokens({128000, 9906}) == std::vector<std::string>{"<|begin_of_text|>", "Hello"});
  CHECK(tok.convert_tokens_to_ids({"Hello"}) == std::vector<std::int64_t>{9906});
  CHECK(tok.vocab_size() == 128000);
  CHECK(tok.size() == 128256);
  CHECK(tok.decode(tok.encode("Hello world", true).ids, true) == "Hello world");
  CHECK(tok.batch_decode({{9906}, {}}) == std::vector<std::string>{"Hello", ""});
}

TEST_CASE("BertNormalizer drops control chars before mapping whitespace", "[tokenizer][api]") {
  // Expected tokens from HF tokenizers 0.23.2 on the same file.
  const AutoTokenizer bert = AutoTokenizer::from_pretrained(autoclass::test::fixture("tokenizers/bert-base-uncased"));
  using Strings = std::vector<std::string>;
  CHECK(bert.encode(std::string("a\x0b" "b\x0c" "c\xc2\x85" "d"), false).tokens == Strings{"abc", "##d"});
  CHECK(bert.encode(std::string("X\0Y\xe2\x80\x8bZ\tq", 10), false).tokens == Strings{"x", "##y", "##z", "q"});
}
