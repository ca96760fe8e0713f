// HF's NormalizedString::split: turn (range, is_match) runs into pieces per SplitDelimiterBehavior.
#include "runtime/tokenizer/components.h"

#include <algorithm>

namespace autoclass::tok {

void split_piece(const AlignedString& piece, const std::vector<std::pair<std::size_t, std::size_t>>& matches,
                 SplitBehavior behavior, bool invert, std::vector<AlignedString>& out) {
  struct Run { std::size_t b, e; bool match; };
  std::vector<Run> runs;
  runs.reserve(matches.size() * 2 + 1);
  std::size_t prev = 0;
  for (const auto& [b, e] : matches) {
    if (b > prev) runs.push_back({prev, b, invert});
    runs.push_back({b, e, !invert});
    prev = e;
  }
  if (prev < piece.size()) runs.push_back({prev, piece.size(), invert});

  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  ranges.reserve(runs.size());
  switch (behavior) {
    case SplitBehavior::kRemoved:
      for (const Run& r : runs) if (!r.match) ranges.emplace_back(r.b, r.e);
      break;
    case SplitBehavior::kIsolated:
      for (const Run& r : runs) ranges.emplace_back(r.b, r.e);
      break;
    case SplitBehavior::kMergedWithPrevious: {
      bool previous_match = false;
      for (const Run& r : runs) {
        if (r.match && !previous_match && !ranges.empty()) ranges.back().second = r.e;
        else ranges.emplace_back(r.b, r.e);
        previous_match = r.match;
      }
      break;
    }
    case SplitBehavior::kMergedWithNext: {
      bool previous_match = false;
      for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        if (it->match && !previous_match && !ranges.empty()) ranges.back().first = it->b;
        else ranges.emplace_back(it->b, it->e);
        previous_match = it->match;
      }
      std::reverse(ranges.begin(), ranges.end());
      break;
    }
    case SplitBehavior::kContiguous: {
      bool previous_match = false;
      for (const Run& r : runs) {
        if (r.match == previous_match && !ranges.empty()) ranges.back().second = r.e;
        else ranges.emplace_back(r.b, r.e);
        previous_match = r.match;
      }
      break;
    }
  }
  for (const auto& [b, e] : ranges) {
    if (e <= b) continue;
    if (b == 0 && e == piece.size()) out.push_back(piece);
    else out.push_back(piece.slice(b, e));
  }
}

}  // namespace autoclass::tok
