// NFC / NFD / NFKC / NFKD via utf8proc. Alignment is kept per chunk (a starter and the marks that
// follow it); if chunk-wise normalization would differ from whole-string normalization (rare
// compositions across starters), the whole string gets one coarse alignment instead.
#include "runtime/tokenizer/normalizers/normalizers.h"

#include <utf8proc.h>

namespace autoclass::tok {

namespace {
bool is_chunk_start(char32_t c) {
  if (c >= 0x1160 && c <= 0x11FF) return false;  // Hangul medial vowels / finals compose with the syllable
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(c));
  return p->combining_class == 0;
}
}  // namespace

void UnicodeFormNormalizer::normalize(AlignedString& s) const {
  const std::string& text = s.text();
  bool ascii = true;
  for (unsigned char c : text) if (c >= 0x80) { ascii = false; break; }
  if (ascii) return;
  const std::string whole = unicode_normalize(text, form_);
  if (whole == text) return;
  std::vector<AlignedString::Edit> edits;
  std::vector<std::string> replacements;
  std::string joined;
  std::size_t chunk_begin = 0, i = 0;
  auto flush = [&](std::size_t end) {
    if (end <= chunk_begin) return;
    std::string_view chunk(text.data() + chunk_begin, end - chunk_begin);
    std::string norm = unicode_normalize(chunk, form_);
    joined += norm;
    if (norm != chunk) replacements.push_back(std::move(norm)), edits.push_back({chunk_begin, end, {}});
  };
  while (i < text.size()) {
    int len;
    const char32_t c = utf8_decode(text, i, len);
    if (i > 0 && is_chunk_start(c)) { flush(i); chunk_begin = i; }
    i += static_cast<std::size_t>(len);
  }
  flush(text.size());
  if (joined != whole) { s.replace_all_coarse(whole); return; }
  for (std::size_t k = 0; k < edits.size(); ++k) edits[k].with = replacements[k];
  s.apply_edits(edits);
}

}  // namespace autoclass::tok
