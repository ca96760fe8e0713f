// SentencePiece "precompiled_charsmap" normalizer (T5, XLM-R, ...). Layout of the decoded blob:
// u32 little-endian trie size in bytes, the Darts-clone double-array trie (u32 units), then the
// NUL-separated replacement strings. Like HF (spm_precompiled): a grapheme cluster shorter than 6 bytes
// is replaced whole by the shortest trie match starting at it; otherwise each char is looked up alone.
#include "runtime/tokenizer/normalizers/normalizers.h"

#include <utf8proc.h>

namespace autoclass::tok {

namespace {
std::string base64_decode(const std::string& in, const std::string& origin) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  out.reserve(in.size() * 3 / 4);
  int buf = 0, bits = 0;
  for (char c : in) {
    if (c == '=' || c == '\n' || c == '\r') continue;
    const int v = val(c);
    if (v < 0) throw Error(ErrorKind::kParse, origin + ": invalid base64 character");
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) { bits -= 8; out.push_back(static_cast<char>((buf >> bits) & 0xFF)); }
  }
  return out;
}

inline bool unit_has_leaf(std::uint32_t u) { return (u >> 8) & 1; }
inline std::uint32_t unit_value(std::uint32_t u) { return u & ((1u << 31) - 1); }
inline std::uint32_t unit_label(std::uint32_t u) { return u & ((1u << 31) | 0xFF); }
inline std::uint32_t unit_offset(std::uint32_t u) { return (u >> 10) << ((u & (1u << 9)) >> 6); }
}  // namespace

PrecompiledNormalizer::PrecompiledNormalizer(const std::string& b64, const std::string& origin) {
  const std::string blob = base64_decode(b64, origin);
  if (blob.size() < 4) throw Error(ErrorKind::kParse, origin + ": precompiled_charsmap too short");
  const auto* p = reinterpret_cast<const unsigned char*>(blob.data());
  const std::uint32_t trie_bytes = p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
  if (trie_bytes % 4 != 0 || 4 + static_cast<std::size_t>(trie_bytes) > blob.size())
    throw Error(ErrorKind::kParse, origin + ": precompiled_charsmap trie size " + std::to_string(trie_bytes) +
                                       " does not fit the " + std::to_string(blob.size()) + "-byte blob");
  trie_.resize(trie_bytes / 4);
  for (std::size_t i = 0; i < trie_.size(); ++i) {
    const unsigned char* q = p + 4 + i * 4;
    trie_[i] = q[0] | (q[1] << 8) | (q[2] << 16) | (static_cast<std::uint32_t>(q[3]) << 24);
  }
  normalized_ = blob.substr(4 + trie_bytes);
}

// The replacement for the shortest trie key that prefixes `chunk`, or nullptr.
const char* PrecompiledNormalizer::transform(std::string_view chunk, std::size_t& out_len) const {
  if (trie_.empty()) return nullptr;
  std::size_t node = 0;
  std::uint32_t unit = trie_[node];
  node ^= unit_offset(unit);
  for (unsigned char c : chunk) {
    if (c == 0) break;
    node ^= c;
    if (node >= trie_.size()) return nullptr;
    unit = trie_[node];
    if (unit_label(unit) != c) return nullptr;
    node ^= unit_offset(unit);
    if (node >= trie_.size()) return nullptr;
    if (unit_has_leaf(unit)) {
      const std::size_t index = unit_value(trie_[node]);
      if (index >= normalized_.size()) return nullptr;
      const std::size_t end = normalized_.find('\0', index);
      out_len = (end == std::string::npos ? normalized_.size() : end) - index;
      return normalized_.data() + index;
    }
  }
  return nullptr;
}

void PrecompiledNormalizer::normalize(AlignedString& s) const {
  const std::string& t = s.text();
  std::vector<AlignedString::Edit> edits;
  std::size_t i = 0;
  while (i < t.size()) {
    // Find the end of the grapheme cluster starting at i.
    int len;
    char32_t prev = utf8_decode(t, i, len);
    std::size_t end = i + static_cast<std::size_t>(len);
    utf8proc_int32_t state = 0;
    while (end < t.size()) {
      int l2;
      const char32_t c = utf8_decode(t, end, l2);
      if (utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(prev), static_cast<utf8proc_int32_t>(c), &state)) break;
      prev = c;
      end += static_cast<std::size_t>(l2);
    }
    const std::string_view grapheme(t.data() + i, end - i);
    std::size_t n = 0;
    const char* norm = grapheme.size() < 6 ? transform(grapheme, n) : nullptr;
    if (norm != nullptr) {
      if (std::string_view(norm, n) != grapheme) edits.push_back({i, end, std::string_view(norm, n)});
    } else {
      std::size_t k = i;
      while (k < end) {
        int cl;
        utf8_decode(t, k, cl);
        const std::string_view part(t.data() + k, static_cast<std::size_t>(cl));
        const char* pn = transform(part, n);
        if (pn != nullptr && std::string_view(pn, n) != part) edits.push_back({k, k + part.size(), std::string_view(pn, n)});
        k += static_cast<std::size_t>(cl);
      }
    }
    i = end;
  }
  s.apply_edits(edits);
}

}  // namespace autoclass::tok
