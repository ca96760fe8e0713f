// HF ByteLevel pre-tokenizer: optional prefix space, the GPT-2 regex split, then every byte is
// rewritten as its printable stand-in char (ByteLevelAlphabet).
#include "runtime/tokenizer/pre_tokenizers/pre_tokenizers.h"

#include "runtime/tokenizer/byte_level_alphabet.h"

namespace autoclass::tok {

const char* const kGpt2SplitPattern =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

ByteLevelPreTokenizer::ByteLevelPreTokenizer(bool add_prefix_space, bool use_regex)
    : add_prefix_space_(add_prefix_space) {
  if (use_regex) regex_ = std::make_unique<Regex>(kGpt2SplitPattern, "ByteLevel regex");
}

void ByteLevelPreTokenizer::pre_tokenize(std::vector<AlignedString>& pieces) const {
  const ByteLevelAlphabet& alpha = ByteLevelAlphabet::get();
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  for_each_piece(pieces, [&](const AlignedString& piece, std::vector<AlignedString>& out) {
    const AlignedString* src = &piece;
    AlignedString prefixed;
    if (add_prefix_space_ && (piece.empty() || piece.text()[0] != ' ')) {
      prefixed = piece;
      prefixed.prepend(" ");
      src = &prefixed;
    }
    const std::size_t first = out.size();
    if (regex_) {
      matches.clear();
      regex_->find_all(src->text(), matches);
      split_piece(*src, matches, SplitBehavior::kIsolated, false, out);
    } else if (!src->empty()) {
      out.push_back(*src);
    }
    for (std::size_t k = first; k < out.size(); ++k) out[k].map_bytes(alpha.byte_to_utf8);
  });
}

}  // namespace autoclass::tok
