// HF Metaspace pre-tokenizer: spaces become the replacement char (U+2581), a replacement is
// prepended per prepend_scheme ("first" = only at the very start of the input), then the text is
// split before each replacement char (MergedWithNext) when `split`.
#include "runtime/tokenizer/pre_tokenizers/pre_tokenizers.h"

namespace autoclass::tok {

void MetaspacePreTokenizer::pre_tokenize(std::vector<AlignedString>& pieces) const {
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  for_each_piece(pieces, [&](const AlignedString& piece, std::vector<AlignedString>& out) {
    AlignedString s = piece;
    std::vector<AlignedString::Edit> edits;
    const std::string& t = s.text();
    for (std::size_t i = 0; i < t.size(); ++i) if (t[i] == ' ') edits.push_back({i, i + 1, replacement_});
    s.apply_edits(edits);
    const bool starts = s.text().rfind(replacement_, 0) == 0;
    if (!starts && !s.empty()) {
      if (scheme_ == PrependScheme::kAlways || (scheme_ == PrependScheme::kFirst && s.original_begin() == 0))
        s.prepend(replacement_);
    }
    if (!split_) { if (!s.empty()) out.push_back(std::move(s)); return; }
    matches.clear();
    std::size_t pos = 0;
    while ((pos = s.text().find(replacement_, pos)) != std::string::npos) {
      matches.emplace_back(pos, pos + replacement_.size());
      pos += replacement_.size();
    }
    split_piece(s, matches, SplitBehavior::kMergedWithNext, false, out);
  });
}

}  // namespace autoclass::tok
