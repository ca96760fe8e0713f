// HF BertPreTokenizer: split on whitespace (dropped), then isolate every punctuation char.
#include "runtime/tokenizer/pre_tokenizers/pre_tokenizers.h"

namespace autoclass::tok {

void BertPreTokenizer::pre_tokenize(std::vector<AlignedString>& pieces) const {
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  for_each_piece(pieces, [&](const AlignedString& piece, std::vector<AlignedString>& out) {
    matches.clear();
    char_matches(piece.text(), is_whitespace, matches);
    std::vector<AlignedString> words;
    split_piece(piece, matches, SplitBehavior::kRemoved, false, words);
    for (const AlignedString& w : words) {
      matches.clear();
      char_matches(w.text(), is_punctuation, matches);
      split_piece(w, matches, SplitBehavior::kIsolated, false, out);
    }
  });
}

}  // namespace autoclass::tok
