// HF WordPiece decoder and the shared `cleanup` rules.
#include "runtime/tokenizer/decoders/decoders.h"

namespace autoclass::tok {

namespace {
void replace_all(std::string& s, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}
}  // namespace

std::string cleanup_tokenization(std::string s) {
  replace_all(s, " .", ".");
  replace_all(s, " ?", "?");
  replace_all(s, " !", "!");
  replace_all(s, " ,", ",");
  replace_all(s, " ' ", "'");
  replace_all(s, " n't", "n't");
  replace_all(s, " 'm", "'m");
  replace_all(s, " do not", " don't");
  replace_all(s, " 's", "'s");
  replace_all(s, " 've", "'ve");
  replace_all(s, " 're", "'re");
  return s;
}

void WordPieceDecoder::decode_chain(std::vector<std::string>& tokens) const {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string& t = tokens[i];
    if (i != 0) {
      if (t.rfind(prefix_, 0) == 0) t.erase(0, prefix_.size());
      else t.insert(0, " ");
    }
    if (cleanup_) t = cleanup_tokenization(std::move(t));
  }
}

void CtcDecoder::decode_chain(std::vector<std::string>& tokens) const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0 && tokens[i] == tokens[i - 1]) continue;  // merge repeats
    if (tokens[i] == pad_) continue;
    std::string t = tokens[i];
    if (!delimiter_.empty()) replace_all(t, delimiter_, " ");
    if (cleanup_) t = cleanup_tokenization(std::move(t));
    if (!t.empty()) out.push_back(std::move(t));
  }
  tokens = std::move(out);
}

}  // namespace autoclass::tok
