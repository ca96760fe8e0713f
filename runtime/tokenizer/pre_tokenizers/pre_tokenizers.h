// Pre-tokenizers of tokenizer.json ("pre_tokenizer": {...}); one class per HF type.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/tokenizer/components.h"
#include "runtime/tokenizer/json_util.h"
#include "runtime/tokenizer/regex.h"

namespace autoclass::tok {

std::unique_ptr<PreTokenizer> make_pre_tokenizer(const JsonAt& j);
SplitBehavior parse_split_behavior(const JsonAt& j);

// The GPT-2 split regex used by ByteLevel when use_regex is true.
extern const char* const kGpt2SplitPattern;

class ByteLevelPreTokenizer : public PreTokenizer {
 public:
  ByteLevelPreTokenizer(bool add_prefix_space, bool use_regex);
  void pre_tokenize(std::vector<AlignedString>& pieces) const override;
 private:
  bool add_prefix_space_;
  std::unique_ptr<Regex> regex_;  // null when use_regex is false
};

enum class PrependScheme { kAlways, kFirst, kNever };

class MetaspacePreTokenizer : public PreTokenizer {
 public:
  MetaspacePreTokenizer(std::string replacement, PrependScheme scheme, bool split)
      : replacement_(std::move(replacement)), scheme_(scheme), split_(split) {}
  void pre_tokenize(std::vector<AlignedString>& pieces) const override;
 private:
  std::string replacement_;
  PrependScheme scheme_;
  bool split_;
};

class SplitPreTokenizer : public PreTokenizer {
 public:
  SplitPreTokenizer(const std::string& pattern, bool is_regex, SplitBehavior behavior, bool invert,
                    const std::string& origin);
  void pre_tokenize(std::vector<AlignedString>& pieces) const override;
 private:
  std::string literal_;
  std::unique_ptr<Regex> regex_;
  SplitBehavior behavior_;
  bool invert_;
};

class WhitespacePreTokenizer : public PreTokenizer {  // \w+|[^\w\s]+
 public:
  WhitespacePreTokenizer();
  void pre_tokenize(std::vector<AlignedString>& pieces) const override;
 private:
  Regex regex_;
};

class WhitespaceSplitPreTokenizer : public PreTokenizer {
 public:
  void pre_tokenize(std::vector<AlignedString>& pieces) const override;
};

class BertPreTokenizer : public PreTokenizer {
 public:
  void pre_tokenize(std::vector<AlignedString>& pieces) const override;
};

class PunctuationPreTokenizer : public PreTokenizer {
 public:
  explicit PunctuationPreTokenizer(SplitBehavior behavior) : behavior_(behavior) {}
  void pre_tokenize(std::vector<AlignedString>& pieces) const override;
 private:
  SplitBehavior behavior_;
};

class DigitsPreTokenizer : public PreTokenizer {
 public:
  explicit DigitsPreTokenizer(bool individual) : individual_(individual) {}
  void pre_tokenize(std::vector<AlignedString>& pieces) const override;
 private:
  bool individual_;
};

class SequencePreTokenizer : public PreTokenizer {
 public:
  explicit SequencePreTokenizer(std::vector<std::unique_ptr<PreTokenizer>> items) : items_(std::move(items)) {}
  void pre_tokenize(std::vector<AlignedString>& pieces) const override { for (const auto& p : items_) p->pre_tokenize(pieces); }
 private:
  std::vector<std::unique_ptr<PreTokenizer>> items_;
};

// Applies `f(piece, out)` to every piece, replacing the list.
template <class F>
void for_each_piece(std::vector<AlignedString>& pieces, F&& f) {
  std::vector<AlignedString> out;
  out.reserve(pieces.size() * 2);
  for (const AlignedString& p : pieces) f(p, out);
  pieces = std::move(out);
}

}  // namespace autoclass::tok
