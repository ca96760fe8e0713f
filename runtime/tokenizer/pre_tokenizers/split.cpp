// HF Split pre-tokenizer: a literal string or regex pattern, a SplitDelimiterBehavior, `invert`.
#include "runtime/tokenizer/pre_tokenizers/pre_tokenizers.h"

namespace autoclass::tok {

SplitPreTokenizer::SplitPreTokenizer(const std::string& pattern, bool is_regex, SplitBehavior behavior, bool invert,
                                     const std::string& origin)
    : behavior_(behavior), invert_(invert) {
  if (is_regex) regex_ = std::make_unique<Regex>(pattern, origin);
  else literal_ = pattern;
}

void SplitPreTokenizer::pre_tokenize(std::vector<AlignedString>& pieces) const {
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  for_each_piece(pieces, [&](const AlignedString& piece, std::vector<AlignedString>& out) {
    matches.clear();
    if (regex_) {
      regex_->find_all(piece.text(), matches);
    } else if (!literal_.empty()) {
      std::size_t pos = 0;
      while ((pos = piece.text().find(literal_, pos)) != std::string::npos) {
        matches.emplace_back(pos, pos + literal_.size());
        pos += literal_.size();
      }
    }
    split_piece(piece, matches, behavior_, invert_, out);
  });
}

}  // namespace autoclass::tok
