// HF BertNormalizer: clean control chars / unify whitespace, space out CJK ideographs, strip
// accents (NFD + drop marks), lowercase — in that order.
#include "runtime/tokenizer/normalizers/normalizers.h"

namespace autoclass::tok {

void BertNormalizer::normalize(AlignedString& s) const {
  if (s.is_ascii()) {
    // ASCII fast path: every change is byte-for-byte except dropping control chars.
    bool has_control = false;
    for (unsigned char c : s.text())
      if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) has_control = true;
    if (!has_control || !clean_text_) {
      const bool clean = clean_text_, lower = lowercase_;
      s.map_ascii_in_place([clean, lower](char c) {
        if (clean && (c == '\t' || c == '\n' || c == '\r')) return ' ';
        if (lower && c >= 'A' && c <= 'Z') return static_cast<char>(c + 32);
        return c;
      });
      return;
    }
  }
  if (clean_text_) {
    s.map_chars([](char32_t c, std::string& out) {
      // HF order: drop NUL / U+FFFD / control chars (C* except \t \n \r) first, then whitespace -> ' '.
      if (c == 0 || c == 0xFFFD) return;
      if (c != '\t' && c != '\n' && c != '\r' && is_other(c)) return;
      if (is_whitespace(c)) { out.push_back(' '); return; }
      utf8_append(out, c);
    });
  }
  if (chinese_) {
    s.map_chars([](char32_t c, std::string& out) {
      if (is_cjk(c)) { out.push_back(' '); utf8_append(out, c); out.push_back(' '); }
      else utf8_append(out, c);
    });
  }
  if (strip_accents_) {
    UnicodeFormNormalizer(NormForm::kNFD).normalize(s);
    StripAccentsNormalizer().normalize(s);
  }
  if (lowercase_) LowercaseNormalizer().normalize(s);
}

}  // namespace autoclass::tok
