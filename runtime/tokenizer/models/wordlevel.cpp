// HF WordLevel: each pre-tokenized piece is looked up whole; unknown pieces become the unk token.
#include "runtime/tokenizer/models/models.h"

namespace autoclass::tok {

WordLevelModel::WordLevelModel(Vocab vocab, std::string unk_token) : vocab_(std::move(vocab)) {
  unk_id_ = vocab_.find(unk_token);
}

void WordLevelModel::tokenize(const AlignedString& piece, std::vector<Token>& out) const {
  if (piece.empty()) return;
  auto id = vocab_.find(piece.text());
  if (!id) id = unk_id_;
  if (!id) throw Error(ErrorKind::kInvalidArgument, "WordLevel: \"" + piece.text() + "\" is not in the vocabulary and there is no unk token");
  out.push_back({*id, piece.original(0, piece.size())});
}

}  // namespace autoclass::tok
