// Normalizers of tokenizer.json ("normalizer": {...}); one class per HF normalizer type.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/tokenizer/components.h"
#include "runtime/tokenizer/json_util.h"
#include "runtime/tokenizer/regex.h"

namespace autoclass::tok {

// Builds any normalizer from its JSON (dispatches on "type"); nullptr for JSON null.
std::unique_ptr<Normalizer> make_normalizer(const JsonAt& j);

class BertNormalizer : public Normalizer {
 public:
  BertNormalizer(bool clean_text, bool handle_chinese_chars, bool strip_accents, bool lowercase)
      : clean_text_(clean_text), chinese_(handle_chinese_chars), strip_accents_(strip_accents), lowercase_(lowercase) {}
  void normalize(AlignedString& s) const override;
 private:
  bool clean_text_, chinese_, strip_accents_, lowercase_;
};

class UnicodeFormNormalizer : public Normalizer {  // NFC, NFD, NFKC, NFKD
 public:
  explicit UnicodeFormNormalizer(NormForm form) : form_(form) {}
  void normalize(AlignedString& s) const override;
 private:
  NormForm form_;
};

class LowercaseNormalizer : public Normalizer {
 public:
  void normalize(AlignedString& s) const override;
};

class StripNormalizer : public Normalizer {
 public:
  StripNormalizer(bool left, bool right) : left_(left), right_(right) {}
  void normalize(AlignedString& s) const override;
 private:
  bool left_, right_;
};

class StripAccentsNormalizer : public Normalizer {  // removes combining marks (use after NFD)
 public:
  void normalize(AlignedString& s) const override;
};

class ReplaceNormalizer : public Normalizer {
 public:
  // `pattern` is a literal string unless `is_regex`.
  ReplaceNormalizer(const std::string& pattern, bool is_regex, std::string content, const std::string& origin);
  void normalize(AlignedString& s) const override;
 private:
  std::string literal_;
  std::unique_ptr<Regex> regex_;
  std::string content_;
};

class PrependNormalizer : public Normalizer {
 public:
  explicit PrependNormalizer(std::string prepend) : prepend_(std::move(prepend)) {}
  void normalize(AlignedString& s) const override;
 private:
  std::string prepend_;
};

// SentencePiece's precompiled charsmap: a Darts double-array trie + replacement strings.
class PrecompiledNormalizer : public Normalizer {
 public:
  PrecompiledNormalizer(const std::string& base64_charsmap, const std::string& origin);
  void normalize(AlignedString& s) const override;
 private:
  const char* transform(std::string_view chunk, std::size_t& out_len) const;
  std::vector<std::uint32_t> trie_;
  std::string normalized_;
};

class SequenceNormalizer : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> items) : items_(std::move(items)) {}
  void normalize(AlignedString& s) const override { for (const auto& n : items_) n->normalize(s); }
 private:
  std::vector<std::unique_ptr<Normalizer>> items_;
};

}  // namespace autoclass::tok
