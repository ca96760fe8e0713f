// HF WordPiece: greedy longest-match-first; non-initial pieces carry the "##" prefix; a word that
// cannot be covered, or is longer than max_input_chars_per_word chars, becomes the unk token.
#include "runtime/tokenizer/models/models.h"

namespace autoclass::tok {

WordPieceModel::WordPieceModel(Vocab vocab, std::string unk_token, std::string prefix, std::size_t max_chars,
                               const std::string& origin)
    : vocab_(std::move(vocab)), prefix_(std::move(prefix)), max_chars_(max_chars) {
  auto unk = vocab_.find(unk_token);
  if (!unk) throw Error(ErrorKind::kParse, origin + ": unk_token \"" + unk_token + "\" is not in the vocabulary");
  unk_id_ = *unk;
}

void WordPieceModel::tokenize(const AlignedString& piece, std::vector<Token>& out) const {
  const std::string& w = piece.text();
  if (w.empty()) return;
  std::size_t chars = 0;
  for (unsigned char c : w) chars += (c & 0xC0) != 0x80;
  if (chars > max_chars_) { out.push_back({unk_id_, piece.original(0, w.size())}); return; }
  const std::size_t first = out.size();
  std::string scratch;
  std::size_t start = 0;
  while (start < w.size()) {
    std::size_t end = w.size();
    std::optional<std::uint32_t> found;
    while (start < end) {
      std::string_view sub(w.data() + start, end - start);
      if (start > 0) {
        scratch.assign(prefix_);
        scratch.append(sub);
        found = vocab_.find(scratch);
      } else {
        found = vocab_.find(sub);
      }
      if (found) break;
      --end;
      while (end > start && (static_cast<unsigned char>(w[end]) & 0xC0) == 0x80) --end;
    }
    if (!found) {
      out.resize(first);
      out.push_back({unk_id_, piece.original(0, w.size())});
      return;
    }
    out.push_back({*found, piece.original(start, end)});
    start = end;
  }
}

}  // namespace autoclass::tok
