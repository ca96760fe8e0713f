// GPT-2's byte <-> printable-char table used by the ByteLevel pre-tokenizer, decoder and models:
// printable Latin-1 bytes map to themselves, the other 68 bytes to U+0100.. in order.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace autoclass::tok {

struct ByteLevelAlphabet {
  std::array<char32_t, 256> byte_to_char{};
  std::array<std::string, 256> byte_to_utf8{};
  // Inverse for chars < 0x200 (all mapped chars are below U+0144); -1 when not a mapped char.
  std::array<std::int16_t, 0x200> char_to_byte{};
  static const ByteLevelAlphabet& get();
};

}  // namespace autoclass::tok
