// HF Strip (leading / trailing whitespace) and StripAccents (drop combining marks).
#include "runtime/tokenizer/normalizers/normalizers.h"

namespace autoclass::tok {

void StripNormalizer::normalize(AlignedString& s) const {
  const std::string& t = s.text();
  std::size_t b = 0, e = t.size();
  if (left_) {
    while (b < e) { int len; const char32_t c = utf8_decode(t, b, len); if (!is_whitespace(c)) break; b += static_cast<std::size_t>(len); }
  }
  if (right_) {
    while (e > b) {
      std::size_t p = e - 1;
      while (p > b && (static_cast<unsigned char>(t[p]) & 0xC0) == 0x80) --p;
      int len; const char32_t c = utf8_decode(t, p, len);
      if (!is_whitespace(c)) break;
      e = p;
    }
  }
  if (b != 0 || e != t.size()) s = s.slice(b, e);
}

void StripAccentsNormalizer::normalize(AlignedString& s) const {
  bool ascii = true;
  for (unsigned char c : s.text()) if (c >= 0x80) { ascii = false; break; }
  if (ascii) return;
  s.map_chars([](char32_t c, std::string& out) { if (!is_combining_mark(c)) utf8_append(out, c); });
}

}  // namespace autoclass::tok
