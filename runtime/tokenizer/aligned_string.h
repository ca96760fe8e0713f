// A piece of text plus, for each of its bytes, the byte range of the original input it came from.
// HF's NormalizedString keeps the same alignment so that offsets survive normalization and
// pre-tokenization. An untouched slice of the input stores no table (identity with `base`).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/tokenizer/unicode.h"

namespace autoclass::tok {

using Offsets = std::pair<std::size_t, std::size_t>;  // [begin, end) byte offsets into the input

class AlignedString {
 public:
  AlignedString() = default;
  // An identity slice: byte i of `text` is input byte base + i.
  AlignedString(std::string text, std::size_t base) : text_(std::move(text)), base_(base) {}

  const std::string& text() const { return text_; }
  std::size_t size() const { return text_.size(); }
  bool empty() const { return text_.empty(); }
  bool identity() const { return starts_.empty(); }

  // Original range of bytes [a, b) of this string (a < b); empty range at the start if a == b.
  Offsets original(std::size_t a, std::size_t b) const;
  // Original start of the whole string (used by Metaspace's "first" scheme).
  std::size_t original_begin() const { return empty() ? base_ : original(0, 1).first; }

  AlignedString slice(std::size_t a, std::size_t b) const;

  // Rewrites the string char by char: `f(c, out)` appends the replacement of code point c to out
  // (nothing to delete it). New bytes inherit the original range of the char they replace.
  template <class F>
  void map_chars(F&& f);

  // Same-length byte rewrite of an all-ASCII string (alignment unchanged): `f(c)` returns the new byte.
  template <class F>
  void map_ascii_in_place(F&& f) { for (char& c : text_) c = f(c); }
  bool is_ascii() const { for (unsigned char c : text_) if (c >= 0x80) return false; return true; }

  // Replaces byte ranges (sorted, disjoint) by new text; new bytes map to the replaced range.
  struct Edit { std::size_t begin, end; std::string_view with; };
  void apply_edits(const std::vector<Edit>& edits);

  // Rewrites every byte b as table[b] (ByteLevel); new bytes map to the original char they come from.
  void map_bytes(const std::array<std::string, 256>& table);

  void prepend(std::string_view s);
  void append(std::string_view s);

  // Replaces the text wholesale (e.g. after Unicode normalization) keeping a coarse alignment:
  // every new byte maps to the whole original range of this string.
  void replace_all_coarse(std::string text);

 private:
  void materialize();  // turn identity into explicit tables

  std::string text_;
  std::size_t base_ = 0;
  std::vector<std::uint32_t> starts_, ends_;  // per byte; empty = identity
};

template <class F>
void AlignedString::map_chars(F&& f) {
  materialize();
  std::string out;
  out.reserve(text_.size() + 8);
  std::vector<std::uint32_t> s2, e2;
  s2.reserve(text_.size() + 8);
  e2.reserve(text_.size() + 8);
  std::size_t i = 0;
  while (i < text_.size()) {
    int len;
    const char32_t c = utf8_decode(text_, i, len);
    const std::uint32_t os = starts_[i], oe = ends_[i + static_cast<std::size_t>(len) - 1];
    const std::size_t before = out.size();
    f(c, out);
    for (std::size_t k = before; k < out.size(); ++k) { s2.push_back(os); e2.push_back(oe); }
    i += static_cast<std::size_t>(len);
  }
  text_ = std::move(out);
  starts_ = std::move(s2);
  ends_ = std::move(e2);
  if (text_.empty()) { starts_.clear(); ends_.clear(); }
}

}  // namespace autoclass::tok
