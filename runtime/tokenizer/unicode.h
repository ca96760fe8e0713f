// UTF-8 and Unicode property helpers shared by the pipeline. Properties come from utf8proc (no
// hand-written category tables); only the White_Space list is spelled out, as Rust's
// char::is_whitespace (which HF tokenizers uses) is defined by that short fixed list.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace autoclass::tok {

// Decodes the code point at s[i]; sets `len` to its byte length. Invalid bytes decode as U+FFFD, len 1.
char32_t utf8_decode(std::string_view s, std::size_t i, int& len);
inline int utf8_char_len(unsigned char lead) {
  return lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 1;
}
void utf8_append(std::string& out, char32_t cp);
std::string utf8_encode(char32_t cp);

// True when `s` is well-formed UTF-8.
bool utf8_valid(std::string_view s);
// Offset of the first ill-formed byte, or std::string_view::npos when `s` is valid.
std::size_t utf8_first_invalid(std::string_view s);
// Rust String::from_utf8_lossy: each maximal ill-formed subpart becomes U+FFFD.
std::string utf8_lossy(std::string_view bytes);

bool is_whitespace(char32_t c);    // Rust char::is_whitespace (Unicode White_Space)
bool is_punctuation(char32_t c);   // Unicode P* (or ASCII punctuation)
bool is_ascii_punctuation(char32_t c);
bool is_numeric(char32_t c);       // Rust char::is_numeric: Nd, Nl, No
bool is_digit_nd(char32_t c);
bool is_alphanumeric(char32_t c);  // Rust char::is_alphanumeric
bool is_other(char32_t c);         // C* categories (Cc, Cf, Cs, Co, Cn)
bool is_combining_mark(char32_t c);  // M* categories
bool is_control_cc(char32_t c);
bool is_cjk(char32_t c);           // BERT's CJK ideograph ranges

// Full lowercase mapping per char (as Rust char::to_lowercase), appended to `out`.
void append_lowercase(std::string& out, char32_t c);

enum class NormForm { kNFC, kNFD, kNFKC, kNFKD };
std::string unicode_normalize(std::string_view s, NormForm form);

}  // namespace autoclass::tok
