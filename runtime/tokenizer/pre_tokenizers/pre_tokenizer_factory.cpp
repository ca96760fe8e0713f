// tokenizer.json "pre_tokenizer" -> PreTokenizer (dispatch on "type").
#include "runtime/tokenizer/pre_tokenizers/pre_tokenizers.h"

namespace autoclass::tok {

SplitBehavior parse_split_behavior(const JsonAt& j) {
  const std::string b = j.str();
  if (b == "Removed") return SplitBehavior::kRemoved;
  if (b == "Isolated") return SplitBehavior::kIsolated;
  if (b == "MergedWithPrevious") return SplitBehavior::kMergedWithPrevious;
  if (b == "MergedWithNext") return SplitBehavior::kMergedWithNext;
  if (b == "Contiguous") return SplitBehavior::kContiguous;
  j.fail("unknown split behavior \"" + b + "\"");
}

std::unique_ptr<PreTokenizer> make_pre_tokenizer(const JsonAt& j) {
  if (j.value.is_null()) return nullptr;
  const std::string type = j.at("type").str();
  if (type == "ByteLevel")
    return std::make_unique<ByteLevelPreTokenizer>(j.bool_or("add_prefix_space", true), j.bool_or("use_regex", true));
  if (type == "Metaspace") {
    std::string replacement = j.has("replacement") ? j.at("replacement").str() : j.str_or("str_rep", "\xE2\x96\x81");
    PrependScheme scheme = PrependScheme::kAlways;
    if (j.has("prepend_scheme")) {
      const std::string s = j.at("prepend_scheme").str();
      if (s == "always") scheme = PrependScheme::kAlways;
      else if (s == "first") scheme = PrependScheme::kFirst;
      else if (s == "never") scheme = PrependScheme::kNever;
      else j.at("prepend_scheme").fail("unknown prepend_scheme \"" + s + "\"");
    } else if (j.has("add_prefix_space")) {
      scheme = j.at("add_prefix_space").boolean() ? PrependScheme::kAlways : PrependScheme::kNever;
    }
    return std::make_unique<MetaspacePreTokenizer>(replacement, scheme, j.bool_or("split", true));
  }
  if (type == "Split") {
    const JsonAt pattern = j.at("pattern");
    const bool is_regex = pattern.has("Regex");
    const std::string pat = is_regex ? pattern.at("Regex").str() : pattern.at("String").str();
    return std::make_unique<SplitPreTokenizer>(pat, is_regex, parse_split_behavior(j.at("behavior")),
                                               j.bool_or("invert", false), j.file + ": " + pattern.path);
  }
  if (type == "Whitespace") return std::make_unique<WhitespacePreTokenizer>();
  if (type == "WhitespaceSplit") return std::make_unique<WhitespaceSplitPreTokenizer>();
  if (type == "BertPreTokenizer") return std::make_unique<BertPreTokenizer>();
  if (type == "Punctuation")
    return std::make_unique<PunctuationPreTokenizer>(j.has("behavior") ? parse_split_behavior(j.at("behavior"))
                                                                       : SplitBehavior::kIsolated);
  if (type == "Digits") return std::make_unique<DigitsPreTokenizer>(j.bool_or("individual_digits", false));
  if (type == "Sequence") {
    const JsonAt list = j.at("pretokenizers");
    std::vector<std::unique_ptr<PreTokenizer>> items;
    for (std::size_t i = 0; i < list.array().size(); ++i) {
      auto p = make_pre_tokenizer(list.at(i));
      if (p) items.push_back(std::move(p));
    }
    return std::make_unique<SequencePreTokenizer>(std::move(items));
  }
  j.at("type").fail("unsupported pre_tokenizer type \"" + type + "\"");
}

}  // namespace autoclass::tok
