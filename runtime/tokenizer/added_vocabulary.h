// Added tokens (special tokens, <|im_start|>, <extra_id_0>, ...): found in the text before the model
// runs, with HF's semantics — leftmost-longest match; `normalized: false` tokens are matched on the
// raw input, `normalized: true` ones on the normalized text; lstrip / rstrip swallow the whitespace
// next to the match; single_word requires no word char on either side.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/tokenizer/models/vocab.h"

namespace autoclass::tok {

struct AddedToken {
  std::string content;
  std::uint32_t id = 0;
  bool special = false, lstrip = false, rstrip = false, normalized = false, single_word = false;
};

class AddedVocabulary {
 public:
  // Adds or (same content) updates a token. Rebuilds the matchers lazily.
  void add(const AddedToken& token);
  const AddedToken* find(std::string_view content) const;
  const AddedToken* find_id(std::uint32_t id) const;
  bool is_special_id(std::uint32_t id) const { const AddedToken* t = find_id(id); return t && t->special; }
  void set_special(std::string_view content, bool special);
  const std::vector<AddedToken>& tokens() const { return tokens_; }
  std::size_t size() const { return tokens_.size(); }

  struct Match { std::size_t begin, end; std::uint32_t id; };
  // Matches of tokens with `normalized == want_normalized` in `text`, non-overlapping, in order.
  void find_matches(std::string_view text, bool want_normalized, std::vector<Match>& out) const;

 private:
  struct Trie {
    struct Node { std::vector<std::pair<unsigned char, std::int32_t>> next; std::int32_t token = -1; };
    std::vector<Node> nodes;
    std::array<std::int32_t, 256> root{};
    bool empty = true;
    void build(const std::vector<AddedToken>& tokens, bool normalized);
    // Longest token (index) starting at text[i]; -1 if none. Sets `end`.
    std::int32_t longest_at(std::string_view text, std::size_t i, std::size_t& end) const;
  };
  void ensure_built() const;

  std::vector<AddedToken> tokens_;
  std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>> by_content_;
  std::vector<std::int32_t> by_id_;  // id -> index into tokens_, -1 if none
  mutable Trie raw_, normalized_;
  mutable bool built_ = false;
};

}  // namespace autoclass::tok
