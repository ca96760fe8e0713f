// HF ByteLevel decoder: stand-in chars back to bytes (a token with any non-alphabet char is kept as
// its UTF-8), then the whole byte string is read as lossy UTF-8.
#include "runtime/tokenizer/byte_level_alphabet.h"
#include "runtime/tokenizer/decoders/decoders.h"

namespace autoclass::tok {

void ByteLevelDecoder::decode_chain(std::vector<std::string>& tokens) const {
  const ByteLevelAlphabet& alpha = ByteLevelAlphabet::get();
  std::string bytes, tok_bytes;
  for (const std::string& t : tokens) {
    tok_bytes.clear();
    bool ok = true;
    std::size_t i = 0;
    while (i < t.size()) {
      int len;
      const char32_t c = utf8_decode(t, i, len);
      if (c >= alpha.char_to_byte.size() || alpha.char_to_byte[c] < 0) { ok = false; break; }
      tok_bytes.push_back(static_cast<char>(alpha.char_to_byte[c]));
      i += static_cast<std::size_t>(len);
    }
    bytes += ok ? tok_bytes : t;
  }
  tokens.assign(1, utf8_lossy(bytes));
}

}  // namespace autoclass::tok
