// The five pipeline stages of a tokenizer.json, as interfaces. Each concrete stage lives in its own
// file under normalizers/, pre_tokenizers/, models/, post_processors/ and decoders/ and is built from
// its JSON by the matching *_factory.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/tokenizer/aligned_string.h"
#include "runtime/tokenizer/encoding.h"

namespace autoclass::tok {

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  virtual void normalize(AlignedString& s) const = 0;
};

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  // Splits / rewrites every piece in place (pieces may multiply or vanish).
  virtual void pre_tokenize(std::vector<AlignedString>& pieces) const = 0;
};

struct Token {
  std::uint32_t id;
  Offsets offsets;  // into the original input
};

class Model {
 public:
  virtual ~Model() = default;
  virtual void tokenize(const AlignedString& piece, std::vector<Token>& out) const = 0;
  virtual std::optional<std::uint32_t> token_to_id(std::string_view token) const = 0;
  virtual const std::string* id_to_token(std::uint32_t id) const = 0;
  virtual std::size_t vocab_size() const = 0;
};

class PostProcessor {
 public:
  virtual ~PostProcessor() = default;
  virtual std::size_t added_tokens(bool is_pair) const = 0;
  // Rewrites the encodings of the text (and pair); may merge them into one. The caller concatenates
  // whatever is left, in order.
  virtual void process(std::vector<Encoding>& encodings, bool add_special_tokens) const = 0;
};

class Decoder {
 public:
  virtual ~Decoder() = default;
  // Rewrites the token strings; the final text is their concatenation.
  virtual void decode_chain(std::vector<std::string>& tokens) const = 0;
};

// How a pattern's matches become pieces (HF SplitDelimiterBehavior).
enum class SplitBehavior { kRemoved, kIsolated, kMergedWithPrevious, kMergedWithNext, kContiguous };

// Splits `piece` at `matches` (sorted, disjoint, non-empty byte ranges) per `behavior`, appending the
// non-empty results to `out`.
void split_piece(const AlignedString& piece, const std::vector<std::pair<std::size_t, std::size_t>>& matches,
                 SplitBehavior behavior, bool invert, std::vector<AlignedString>& out);

// Matches every char satisfying `pred` (one match per char), for char-class based pre-tokenizers.
template <class Pred>
void char_matches(std::string_view text, Pred pred, std::vector<std::pair<std::size_t, std::size_t>>& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    int len;
    const char32_t c = utf8_decode(text, i, len);
    if (pred(c)) out.emplace_back(i, i + static_cast<std::size_t>(len));
    i += static_cast<std::size_t>(len);
  }
}

}  // namespace autoclass::tok
