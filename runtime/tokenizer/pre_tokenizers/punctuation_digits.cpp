// HF Punctuation (Unicode P* chars, configurable behavior) and Digits (each digit alone, or runs of
// numeric chars kept together).
#include "runtime/tokenizer/pre_tokenizers/pre_tokenizers.h"

namespace autoclass::tok {

void PunctuationPreTokenizer::pre_tokenize(std::vector<AlignedString>& pieces) const {
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  for_each_piece(pieces, [&](const AlignedString& piece, std::vector<AlignedString>& out) {
    matches.clear();
    char_matches(piece.text(), is_punctuation, matches);
    split_piece(piece, matches, behavior_, false, out);
  });
}

void DigitsPreTokenizer::pre_tokenize(std::vector<AlignedString>& pieces) const {
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  for_each_piece(pieces, [&](const AlignedString& piece, std::vector<AlignedString>& out) {
    matches.clear();
    char_matches(piece.text(), is_numeric, matches);
    split_piece(piece, matches, individual_ ? SplitBehavior::kIsolated : SplitBehavior::kContiguous, false, out);
  });
}

}  // namespace autoclass::tok
