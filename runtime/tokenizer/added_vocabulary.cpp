#include "runtime/tokenizer/added_vocabulary.h"

#include "runtime/tokenizer/unicode.h"

namespace autoclass::tok {

void AddedVocabulary::add(const AddedToken& token) {
  if (token.id >= by_id_.size()) by_id_.resize(static_cast<std::size_t>(token.id) + 1, -1);
  auto it = by_content_.find(std::string_view(token.content));
  if (it != by_content_.end()) {
    AddedToken& old = tokens_[it->second];
    if (old.id < by_id_.size() && by_id_[old.id] == static_cast<std::int32_t>(it->second)) by_id_[old.id] = -1;
    old = token;
    by_id_[token.id] = static_cast<std::int32_t>(it->second);
  } else {
    by_content_.emplace(token.content, tokens_.size());
    by_id_[token.id] = static_cast<std::int32_t>(tokens_.size());
    tokens_.push_back(token);
  }
  built_ = false;
}

const AddedToken* AddedVocabulary::find(std::string_view content) const {
  auto it = by_content_.find(content);
  return it == by_content_.end() ? nullptr : &tokens_[it->second];
}

const AddedToken* AddedVocabulary::find_id(std::uint32_t id) const {
  if (id >= by_id_.size() || by_id_[id] < 0) return nullptr;
  return &tokens_[static_cast<std::size_t>(by_id_[id])];
}

void AddedVocabulary::set_special(std::string_view content, bool special) {
  auto it = by_content_.find(content);
  if (it != by_content_.end()) tokens_[it->second].special = special;
}

void AddedVocabulary::Trie::build(const std::vector<AddedToken>& tokens, bool normalized) {
  nodes.assign(1, Node{});
  root.fill(-1);
  empty = true;
  for (std::size_t t = 0; t < tokens.size(); ++t) {
    const AddedToken& tok = tokens[t];
    if (tok.normalized != normalized || tok.content.empty()) continue;
    empty = false;
    std::int32_t node = -1;
    for (std::size_t k = 0; k < tok.content.size(); ++k) {
      const unsigned char c = static_cast<unsigned char>(tok.content[k]);
      std::int32_t next = -1;
      if (node < 0) {
        next = root[c];
        if (next < 0) { next = static_cast<std::int32_t>(nodes.size()); nodes.emplace_back(); root[c] = next; }
      } else {
        for (const auto& [label, child] : nodes[static_cast<std::size_t>(node)].next) if (label == c) { next = child; break; }
        if (next < 0) {
          next = static_cast<std::int32_t>(nodes.size());
          nodes.emplace_back();
          nodes[static_cast<std::size_t>(node)].next.emplace_back(c, next);
        }
      }
      node = next;
    }
    if (nodes[static_cast<std::size_t>(node)].token < 0) nodes[static_cast<std::size_t>(node)].token = static_cast<std::int32_t>(t);
  }
}

std::int32_t AddedVocabulary::Trie::longest_at(std::string_view text, std::size_t i, std::size_t& end) const {
  std::int32_t node = root[static_cast<unsigned char>(text[i])];
  std::int32_t best = -1;
  std::size_t k = i + 1;
  while (node >= 0) {
    const Node& n = nodes[static_cast<std::size_t>(node)];
    if (n.token >= 0) { best = n.token; end = k; }
    if (k >= text.size()) break;
    const unsigned char c = static_cast<unsigned char>(text[k]);
    std::int32_t next = -1;
    for (const auto& [label, child] : n.next) if (label == c) { next = child; break; }
    node = next;
    ++k;
  }
  return best;
}

void AddedVocabulary::ensure_built() const {
  if (built_) return;
  raw_.build(tokens_, false);
  normalized_.build(tokens_, true);
  built_ = true;
}

namespace {
bool is_word_char(char32_t c) { return c == '_' || is_alphanumeric(c); }
char32_t char_before(std::string_view s, std::size_t i) {
  std::size_t p = i - 1;
  while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
  int len;
  return utf8_decode(s, p, len);
}
}  // namespace

void AddedVocabulary::find_matches(std::string_view text, bool want_normalized, std::vector<Match>& out) const {
  ensure_built();
  const Trie& trie = want_normalized ? normalized_ : raw_;
  if (trie.empty) return;
  std::size_t i = 0, consumed = 0;
  while (i < text.size()) {
    if (trie.root[static_cast<unsigned char>(text[i])] < 0) { ++i; continue; }
    std::size_t end = 0;
    const std::int32_t t = trie.longest_at(text, i, end);
    if (t < 0) { ++i; continue; }
    const AddedToken& tok = tokens_[static_cast<std::size_t>(t)];
    std::size_t b = i, e = end;
    if (tok.single_word) {
      const bool left_ok = b == 0 || !is_word_char(char_before(text, b));
      int len;
      const bool right_ok = e >= text.size() || !is_word_char(utf8_decode(text, e, len));
      if (!left_ok || !right_ok) { ++i; continue; }
    }
    if (tok.lstrip) {
      while (b > consumed) {
        std::size_t p = b - 1;
        while (p > consumed && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
        int len;
        if (!is_whitespace(utf8_decode(text, p, len))) break;
        b = p;
      }
    }
    if (tok.rstrip) {
      while (e < text.size()) {
        int len;
        if (!is_whitespace(utf8_decode(text, e, len))) break;
        e += static_cast<std::size_t>(len);
      }
    }
    out.push_back({b, e, tok.id});
    consumed = e;
    i = e;
  }
}

}  // namespace autoclass::tok
