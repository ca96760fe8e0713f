// HF Whitespace (keep runs of \w+ or [^\w\s]+) and WhitespaceSplit (split on Unicode whitespace).
#include "runtime/tokenizer/pre_tokenizers/pre_tokenizers.h"

namespace autoclass::tok {

WhitespacePreTokenizer::WhitespacePreTokenizer() : regex_("\\w+|[^\\w\\s]+", "Whitespace regex") {}

void WhitespacePreTokenizer::pre_tokenize(std::vector<AlignedString>& pieces) const {
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  for_each_piece(pieces, [&](const AlignedString& piece, std::vector<AlignedString>& out) {
    matches.clear();
    regex_.find_all(piece.text(), matches);
    split_piece(piece, matches, SplitBehavior::kRemoved, true, out);
  });
}

void WhitespaceSplitPreTokenizer::pre_tokenize(std::vector<AlignedString>& pieces) const {
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  for_each_piece(pieces, [&](const AlignedString& piece, std::vector<AlignedString>& out) {
    matches.clear();
    char_matches(piece.text(), is_whitespace, matches);
    split_piece(piece, matches, SplitBehavior::kRemoved, false, out);
  });
}

}  // namespace autoclass::tok
