// HF Metaspace decoder: replacement char -> space; in the first token the replacement chars are
// dropped instead (when a prefix space was added at encoding).
#include "runtime/tokenizer/decoders/decoders.h"

namespace autoclass::tok {

void MetaspaceDecoder::decode_chain(std::vector<std::string>& tokens) const {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string& t = tokens[i];
    std::string out;
    out.reserve(t.size());
    std::size_t pos = 0;
    while (pos < t.size()) {
      if (t.compare(pos, replacement_.size(), replacement_) == 0) {
        if (!(i == 0 && strip_first_)) out.push_back(' ');
        pos += replacement_.size();
      } else {
        out.push_back(t[pos++]);
      }
    }
    t = std::move(out);
  }
}

}  // namespace autoclass::tok
