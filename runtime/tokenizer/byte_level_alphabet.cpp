#include "runtime/tokenizer/byte_level_alphabet.h"

#include "runtime/tokenizer/unicode.h"

namespace autoclass::tok {

const ByteLevelAlphabet& ByteLevelAlphabet::get() {
  static const ByteLevelAlphabet table = [] {
    ByteLevelAlphabet t;
    t.char_to_byte.fill(-1);
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      const char32_t c = printable ? static_cast<char32_t>(b) : next++;
      t.byte_to_char[b] = c;
      t.byte_to_utf8[b] = utf8_encode(c);
      t.char_to_byte[c] = static_cast<std::int16_t>(b);
    }
    return t;
  }();
  return table;
}

}  // namespace autoclass::tok
