// HF Lowercase: char-wise full lowercase mapping (Rust char::to_lowercase).
#include "runtime/tokenizer/normalizers/normalizers.h"

namespace autoclass::tok {

void LowercaseNormalizer::normalize(AlignedString& s) const {
  bool needs = false;
  for (unsigned char c : s.text()) if (c >= 0x80 || (c >= 'A' && c <= 'Z')) { needs = true; break; }
  if (!needs) return;
  s.map_chars([](char32_t c, std::string& out) { append_lowercase(out, c); });
}

}  // namespace autoclass::tok
