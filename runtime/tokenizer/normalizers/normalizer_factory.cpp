// tokenizer.json "normalizer" -> Normalizer (dispatch on "type").
#include "runtime/tokenizer/normalizers/normalizers.h"

namespace autoclass::tok {

std::unique_ptr<Normalizer> make_normalizer(const JsonAt& j) {
  if (j.value.is_null()) return nullptr;
  const std::string type = j.at("type").str();
  if (type == "BertNormalizer") {
    const bool lowercase = j.bool_or("lowercase", true);
    const bool strip = j.has("strip_accents") ? j.at("strip_accents").boolean() : lowercase;
    return std::make_unique<BertNormalizer>(j.bool_or("clean_text", true), j.bool_or("handle_chinese_chars", true),
                                            strip, lowercase);
  }
  if (type == "NFC") return std::make_unique<UnicodeFormNormalizer>(NormForm::kNFC);
  if (type == "NFD") return std::make_unique<UnicodeFormNormalizer>(NormForm::kNFD);
  if (type == "NFKC") return std::make_unique<UnicodeFormNormalizer>(NormForm::kNFKC);
  if (type == "NFKD") return std::make_unique<UnicodeFormNormalizer>(NormForm::kNFKD);
  if (type == "Lowercase") return std::make_unique<LowercaseNormalizer>();
  if (type == "Strip") return std::make_unique<StripNormalizer>(j.bool_or("strip_left", true), j.bool_or("strip_right", true));
  if (type == "StripAccents") return std::make_unique<StripAccentsNormalizer>();
  if (type == "Replace") {
    const JsonAt pattern = j.at("pattern");
    const bool is_regex = pattern.has("Regex");
    const std::string pat = is_regex ? pattern.at("Regex").str() : pattern.at("String").str();
    return std::make_unique<ReplaceNormalizer>(pat, is_regex, j.at("content").str(), j.file + ": " + pattern.path);
  }
  if (type == "Prepend") return std::make_unique<PrependNormalizer>(j.at("prepend").str());
  if (type == "Precompiled") {
    const JsonAt map = j.at("precompiled_charsmap");
    if (map.value.is_null()) return nullptr;
    return std::make_unique<PrecompiledNormalizer>(map.str(), j.file + ": " + map.path);
  }
  if (type == "Sequence") {
    const JsonAt list = j.at("normalizers");
    std::vector<std::unique_ptr<Normalizer>> items;
    for (std::size_t i = 0; i < list.array().size(); ++i) {
      auto n = make_normalizer(list.at(i));
      if (n) items.push_back(std::move(n));
    }
    return std::make_unique<SequenceNormalizer>(std::move(items));
  }
  j.at("type").fail("unsupported normalizer type \"" + type + "\"");
}

}  // namespace autoclass::tok
