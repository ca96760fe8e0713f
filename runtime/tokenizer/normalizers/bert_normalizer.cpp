// HF BertNormalizer: clean control chars / unify whitespace, space out CJK ideographs, strip
// accents (NFD + drop marks), lowercase — in that order.
#include "runtime/tokenizer/normalizers/normalizers.h"

namespace autoclass::tok {

void BertNormalizer::normalize(AlignedString& s) const {
  if (clean_text_) {
    s.map_chars([](char32_t c, std::string& out) {
      if (c == 0 || c == 0xFFFD) return;
      const bool ws = c == '\t' || c == '\n' || c == '\r' || is_whitespace(c);
      if (ws) { out.push_back(' '); return; }
      if (is_other(c)) return;
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
