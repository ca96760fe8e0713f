// HF Unigram: Viterbi over all vocabulary pieces matching at each char boundary (score sums in
// double). A position no single-char piece covers gets an unk node scored min_score - 10. Ties keep
// the first path found (pieces tried shortest first, start positions left to right), like HF.
// Consecutive unks are fused; with byte_fallback an unk becomes <0xXX> byte tokens.
#include <algorithm>
#include <limits>

#include "runtime/tokenizer/models/models.h"

namespace autoclass::tok {

UnigramModel::UnigramModel(std::vector<std::pair<std::string, double>> pieces, std::optional<std::uint32_t> unk_id,
                           bool byte_fallback, const std::string& origin)
    : unk_id_(unk_id), byte_fallback_(byte_fallback) {
  vocab_.reserve(pieces.size());
  scores_.reserve(pieces.size());
  double min_score = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    max_piece_bytes_ = std::max(max_piece_bytes_, pieces[i].first.size());
    vocab_.add(std::move(pieces[i].first), static_cast<std::uint32_t>(i));  // duplicates: first wins
    scores_.push_back(pieces[i].second);
    min_score = std::min(min_score, pieces[i].second);
  }
  if (unk_id_ && *unk_id_ >= scores_.size())
    throw Error(ErrorKind::kParse, origin + ": unk_id " + std::to_string(*unk_id_) + " is out of range");
  unk_score_ = (pieces.empty() ? 0.0 : min_score) - 10.0;
  for (int b = 0; b < 256; ++b) {
    auto id = vocab_.find(byte_token_name(static_cast<unsigned char>(b)));
    byte_ids_[b] = id ? static_cast<std::int64_t>(*id) : -1;
  }
}

void UnigramModel::tokenize(const AlignedString& piece, std::vector<Token>& out) const {
  const std::string& s = piece.text();
  const std::size_t n = s.size();
  if (n == 0) return;
  struct Node { double score = 0; std::int64_t start = -1; std::uint32_t id = 0; };
  std::vector<Node> best(n + 1);
  best[0].start = 0;
  std::size_t pos = 0;
  while (pos < n) {
    const double base = best[pos].score;
    const std::size_t mblen = std::min<std::size_t>(utf8_char_len(static_cast<unsigned char>(s[pos])), n - pos);
    bool has_single = false;
    std::size_t end = pos;
    while (end < n && end - pos < max_piece_bytes_) {
      end += std::min<std::size_t>(utf8_char_len(static_cast<unsigned char>(s[end])), n - end);
      if (end - pos > max_piece_bytes_) break;
      auto id = vocab_.find(std::string_view(s.data() + pos, end - pos));
      if (!id) continue;
      const double cand = base + scores_[*id];
      Node& target = best[end];
      if (target.start < 0 || cand > target.score) { target = {cand, static_cast<std::int64_t>(pos), *id}; }
      if (end - pos == mblen) has_single = true;
    }
    if (!has_single) {
      if (!unk_id_) throw Error(ErrorKind::kInvalidArgument, "Unigram: text needs the unk token but the model has no unk_id");
      Node& target = best[pos + mblen];
      const double cand = base + unk_score_;
      if (target.start < 0 || cand > target.score) target = {cand, static_cast<std::int64_t>(pos), *unk_id_};
    }
    pos += mblen;
  }
  // Backtrack, fusing consecutive unks.
  struct Span { std::size_t b, e; std::uint32_t id; };
  std::vector<Span> spans;
  std::size_t e = n;
  while (e > 0) {
    const Node& node = best[e];
    const std::size_t b = static_cast<std::size_t>(node.start);
    if (unk_id_ && node.id == *unk_id_ && !spans.empty() && spans.back().id == *unk_id_) spans.back().b = b;
    else spans.push_back({b, e, node.id});
    e = b;
  }
  std::reverse(spans.begin(), spans.end());
  for (const Span& sp : spans) {
    if (byte_fallback_ && unk_id_ && sp.id == *unk_id_) {
      bool all = true;
      for (std::size_t k = sp.b; k < sp.e; ++k) if (byte_ids_[static_cast<unsigned char>(s[k])] < 0) all = false;
      if (all) {
        for (std::size_t k = sp.b; k < sp.e; ++k)
          out.push_back({static_cast<std::uint32_t>(byte_ids_[static_cast<unsigned char>(s[k])]), piece.original(k, k + 1)});
        continue;
      }
    }
    out.push_back({sp.id, piece.original(sp.b, sp.e)});
  }
}

}  // namespace autoclass::tok
