#include "runtime/generation/seq2seq_processors.h"

#include <algorithm>
#include <limits>

namespace autoclass {

void apply_no_repeat_ngram(std::span<float> scores, std::span<const std::int64_t> tokens, std::int64_t n) {
  const auto len = static_cast<std::int64_t>(tokens.size());
  if (n <= 0 || len + 1 < n) return;
  // The last n-1 tokens; any earlier n-gram starting with them bans its final token.
  const std::int64_t prefix = n - 1;
  const auto tail = tokens.subspan(static_cast<std::size_t>(len - prefix));
  for (std::int64_t start = 0; start + n <= len; ++start) {
    const auto gram = tokens.subspan(static_cast<std::size_t>(start), static_cast<std::size_t>(prefix));
    if (!std::equal(gram.begin(), gram.end(), tail.begin())) continue;
    const std::int64_t banned = tokens[static_cast<std::size_t>(start + prefix)];
    if (banned >= 0 && banned < static_cast<std::int64_t>(scores.size()))
      scores[static_cast<std::size_t>(banned)] = -std::numeric_limits<float>::infinity();
  }
}

}  // namespace autoclass
