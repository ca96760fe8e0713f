// Decoders of tokenizer.json ("decoder": {...}): turn token strings back into text.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/tokenizer/components.h"
#include "runtime/tokenizer/json_util.h"
#include "runtime/tokenizer/regex.h"

namespace autoclass::tok {

std::unique_ptr<Decoder> make_decoder(const JsonAt& j);

// HF's `cleanup` for WordPiece / CTC decoding (" ." -> ".", " n't" -> "n't", ...).
std::string cleanup_tokenization(std::string s);

class ByteLevelDecoder : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override;
};

class WordPieceDecoder : public Decoder {
 public:
  WordPieceDecoder(std::string prefix, bool cleanup) : prefix_(std::move(prefix)), cleanup_(cleanup) {}
  void decode_chain(std::vector<std::string>& tokens) const override;
 private:
  std::string prefix_;
  bool cleanup_;
};

class MetaspaceDecoder : public Decoder {
 public:
  MetaspaceDecoder(std::string replacement, bool strip_first) : replacement_(std::move(replacement)), strip_first_(strip_first) {}
  void decode_chain(std::vector<std::string>& tokens) const override;
 private:
  std::string replacement_;
  bool strip_first_;
};

class ByteFallbackDecoder : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override;
};

class FuseDecoder : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override;
};

class StripDecoder : public Decoder {
 public:
  StripDecoder(std::string content, std::size_t start, std::size_t stop) : content_(std::move(content)), start_(start), stop_(stop) {}
  void decode_chain(std::vector<std::string>& tokens) const override;
 private:
  std::string content_;
  std::size_t start_, stop_;
};

class ReplaceDecoder : public Decoder {
 public:
  ReplaceDecoder(const std::string& pattern, bool is_regex, std::string content, const std::string& origin);
  void decode_chain(std::vector<std::string>& tokens) const override;
 private:
  std::string literal_;
  std::unique_ptr<Regex> regex_;
  std::string content_;
};

class BpeDecoder : public Decoder {  // end-of-word suffix ("</w>") -> space
 public:
  explicit BpeDecoder(std::string suffix) : suffix_(std::move(suffix)) {}
  void decode_chain(std::vector<std::string>& tokens) const override;
 private:
  std::string suffix_;
};

class CtcDecoder : public Decoder {  // CTC: merge repeats, drop pad, word delimiter -> space
 public:
  CtcDecoder(std::string pad, std::string delimiter, bool cleanup)
      : pad_(std::move(pad)), delimiter_(std::move(delimiter)), cleanup_(cleanup) {}
  void decode_chain(std::vector<std::string>& tokens) const override;
 private:
  std::string pad_, delimiter_;
  bool cleanup_;
};

class SequenceDecoder : public Decoder {
 public:
  explicit SequenceDecoder(std::vector<std::unique_ptr<Decoder>> items) : items_(std::move(items)) {}
  void decode_chain(std::vector<std::string>& tokens) const override { for (const auto& d : items_) d->decode_chain(tokens); }
 private:
  std::vector<std::unique_ptr<Decoder>> items_;
};

}  // namespace autoclass::tok
