// Pipeline components on small hand-written tokenizer.json documents: behaviours that the real
// fixtures do not reach (split behaviours, Metaspace schemes, Digits, BPE affixes, Unigram byte
// fallback, NFKC alignment, added-token flags).
#include <catch2/catch.hpp>

#include "runtime/tokenizer/pipeline.h"

using autoclass::Json;
using autoclass::tok::Pipeline;

namespace {
// A WordLevel pipeline whose vocabulary is `words` (+ "<unk>"), so tokens show the pieces.
Pipeline word_level(const std::vector<std::string>& words, const Json& normalizer, const Json& pre_tokenizer,
                    const Json& added = Json::array(), const Json& decoder = nullptr) {
  Json vocab = Json::object();
  vocab["<unk>"] = 0;
  for (const auto& w : words) if (!vocab.contains(w)) vocab[w] = static_cast<int>(vocab.size());
  Json doc = {{"normalizer", normalizer}, {"pre_tokenizer", pre_tokenizer}, {"post_processor", nullptr},
              {"decoder", decoder}, {"added_tokens", added},
              {"model", {{"type", "WordLevel"}, {"vocab", vocab}, {"unk_token", "<unk>"}}}};
  return Pipeline::from_json(doc, "test.json");
}

std::vector<std::string> tokens(const Pipeline& p, const std::string& text) { return p.encode(text, std::nullopt, false).tokens; }
using Strings = std::vector<std::string>;
}  // namespace

TEST_CASE("Split behaviours follow HF", "[tokenizer][components]") {
  const Strings all = {"a", "b", "c", "-", "--", "a-", "b-", "-b", "-c"};
  auto split = [&](const char* behavior) {
    return word_level(all, nullptr, {{"type", "Split"}, {"pattern", {{"String", "-"}}}, {"behavior", behavior}, {"invert", false}});
  };
  CHECK(tokens(split("Removed"), "a-b--c") == Strings{"a", "b", "c"});
  CHECK(tokens(split("Isolated"), "a-b--c") == Strings{"a", "-", "b", "-", "-", "c"});
  CHECK(tokens(split("MergedWithPrevious"), "a-b--c") == Strings{"a-", "b-", "-", "c"});
  CHECK(tokens(split("MergedWithNext"), "a-b--c") == Strings{"a", "-b", "-", "-c"});
  CHECK(tokens(split("Contiguous"), "a-b--c") == Strings{"a", "-", "b", "--", "c"});
  const Pipeline inverted = word_level(all, nullptr, {{"type", "Split"}, {"pattern", {{"Regex", "[a-c]"}}},
                                                      {"behavior", "Removed"}, {"invert", true}});
  CHECK(tokens(inverted, "a-b--c") == Strings{"a", "b", "c"});
}

TEST_CASE("Metaspace prepend schemes and old fields", "[tokenizer][components]") {
  const Strings words = {"\xE2\x96\x81" "a", "b", "\xE2\x96\x81" "b", "<x>"};
  const Json added = Json::array({{{"id", 5}, {"content", "<x>"}, {"special", true}, {"normalized", false}}});
  auto meta = [&](const Json& extra) {
    Json pt = {{"type", "Metaspace"}, {"replacement", "\xE2\x96\x81"}};
    pt.update(extra);
    return word_level(words, nullptr, pt, added);
  };
  CHECK(tokens(meta({{"prepend_scheme", "first"}, {"split", true}}), "a<x>b") == Strings{"\xE2\x96\x81" "a", "<x>", "b"});
  CHECK(tokens(meta({{"prepend_scheme", "always"}, {"split", true}}), "a<x>b") == Strings{"\xE2\x96\x81" "a", "<x>", "\xE2\x96\x81" "b"});
  CHECK(tokens(meta({{"prepend_scheme", "never"}, {"split", true}}), "b") == Strings{"b"});
  CHECK(tokens(meta({{"add_prefix_space", true}, {"str_rep", "\xE2\x96\x81"}}), "a b") == Strings{"\xE2\x96\x81" "a", "\xE2\x96\x81" "b"});
  CHECK(tokens(meta({{"prepend_scheme", "always"}, {"split", false}}), "a b") == Strings{"<unk>"});
}

TEST_CASE("Digits and Punctuation pre-tokenizers", "[tokenizer][components]") {
  const Strings words = {"ab", "1", "2", "3", "123", "!", "?!"};
  CHECK(tokens(word_level(words, nullptr, {{"type", "Digits"}, {"individual_digits", true}}), "ab123") == Strings{"ab", "1", "2", "3"});
  CHECK(tokens(word_level(words, nullptr, {{"type", "Digits"}, {"individual_digits", false}}), "ab123") == Strings{"ab", "123"});
  CHECK(tokens(word_level(words, nullptr, {{"type", "Punctuation"}}), "ab?!") == Strings{"ab", "<unk>", "!"});
  CHECK(tokens(word_level(words, nullptr, {{"type", "Punctuation"}, {"behavior", "Contiguous"}}), "ab?!") == Strings{"ab", "?!"});
  CHECK(tokens(word_level(words, nullptr, {{"type", "Whitespace"}}), "ab  ?!\t123") == Strings{"ab", "?!", "123"});
}

TEST_CASE("NFKC keeps offsets on the original text", "[tokenizer][components]") {
  const Pipeline p = word_level({"fi", "x"}, {{"type", "NFKC"}}, {{"type", "WhitespaceSplit"}});
  const auto enc = p.encode("x \xEF\xAC\x81", std::nullopt, false);  // "x ﬁ"
  CHECK(enc.tokens == Strings{"x", "fi"});
  CHECK(enc.offsets[1] == std::pair<std::size_t, std::size_t>{2, 5});
}

TEST_CASE("added-token lstrip / rstrip / single_word", "[tokenizer][components]") {
  const Json added = Json::array({{{"id", 10}, {"content", "<m>"}, {"special", true}, {"lstrip", true}, {"rstrip", true}, {"normalized", false}},
                                  {{"id", 11}, {"content", "xx"}, {"special", false}, {"single_word", true}, {"normalized", false}}});
  const Pipeline p = word_level({"a", "b", "axx"}, nullptr, {{"type", "WhitespaceSplit"}}, added);
  const auto enc = p.encode("a  <m>  b", std::nullopt, false);
  CHECK(enc.tokens == Strings{"a", "<m>", "b"});
  CHECK(enc.offsets[1] == std::pair<std::size_t, std::size_t>{1, 8});
  CHECK(tokens(p, "axx xx") == Strings{"axx", "xx"});
  CHECK(p.decode(enc.ids, true) == "a b");
}

TEST_CASE("BPE with subword prefix and end-of-word suffix, BPEDecoder", "[tokenizer][components]") {
  const Json doc = {{"normalizer", nullptr}, {"pre_tokenizer", {{"type", "WhitespaceSplit"}}}, {"post_processor", nullptr},
                    {"decoder", {{"type", "BPEDecoder"}, {"suffix", "</w>"}}}, {"added_tokens", Json::array()},
                    {"model", {{"type", "BPE"}, {"vocab", {{"a", 0}, {"##b</w>", 1}, {"ab</w>", 2}, {"a</w>", 3}, {"##b", 4}}},
                               {"merges", Json::array({"a ##b</w>"})}, {"continuing_subword_prefix", "##"},
                               {"end_of_word_suffix", "</w>"}}}};
  const Pipeline p = Pipeline::from_json(doc, "test.json");
  const auto enc = p.encode("ab a", std::nullopt, false);
  CHECK(enc.tokens == Strings{"ab</w>", "a</w>"});
  CHECK(p.decode(enc.ids, false) == "ab a");
}

TEST_CASE("Unigram: best segmentation, byte fallback, fused unk", "[tokenizer][components]") {
  auto unigram = [](bool byte_fallback) {
    const Json doc = {{"normalizer", nullptr}, {"pre_tokenizer", nullptr}, {"post_processor", nullptr},
                      {"decoder", {{"type", "Sequence"}, {"decoders", Json::array({{{"type", "ByteFallback"}}, {{"type", "Fuse"}}})}}},
                      {"added_tokens", Json::array()},
                      {"model", {{"type", "Unigram"}, {"unk_id", 0}, {"byte_fallback", byte_fallback},
                                 {"vocab", Json::array({Json::array({"<unk>", 0.0}), Json::array({"a", -1.0}), Json::array({"b", -1.0}),
                                                        Json::array({"ab", -1.5}), Json::array({"<0xC3>", -2.0}), Json::array({"<0xA9>", -2.0})})}}}};
    return Pipeline::from_json(doc, "test.json");
  };
  const Pipeline fallback = unigram(true), plain = unigram(false);
  CHECK(tokens(plain, "ab") == Strings{"ab"});
  CHECK(tokens(fallback, "a\xC3\xA9") == Strings{"a", "<0xC3>", "<0xA9>"});
  CHECK(fallback.decode(fallback.encode("a\xC3\xA9", std::nullopt, false).ids, false) == "a\xC3\xA9");
  CHECK(tokens(plain, "a\xC3\xA9\xC3\xA9") == Strings{"a", "<unk>"});  // two unknown chars fused into one unk
}

TEST_CASE("Replace and Strip decoders", "[tokenizer][components]") {
  const Json dec = {{"type", "Sequence"}, {"decoders", Json::array({{{"type", "Replace"}, {"pattern", {{"Regex", "_+"}}}, {"content", " "}},
                                                                   {{"type", "Fuse"}}, {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 1}}})}};
  const Pipeline p = word_level({"__a", "b__"}, nullptr, {{"type", "WhitespaceSplit"}}, Json::array(), dec);
  CHECK(p.decode(p.encode("__a b__", std::nullopt, false).ids, false) == "ab");
}
