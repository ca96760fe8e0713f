// The result of encoding one text (or pair): parallel arrays like HF's `Encoding`.
// Offsets are BYTE offsets [begin, end) into the UTF-8 input text (HF's fast tokenizer reports char
// offsets in Python; byte offsets are the natural unit in C++). For a pair, the second text's tokens
// carry offsets into the second text; special tokens added by the post-processor have (0, 0).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace autoclass {

struct Encoding {
  std::vector<std::int64_t> ids;
  std::vector<std::string> tokens;
  std::vector<std::int64_t> type_ids;
  std::vector<std::int64_t> attention_mask;
  std::vector<std::pair<std::size_t, std::size_t>> offsets;
  std::vector<std::int64_t> special_tokens_mask;
  std::vector<int> sequence_ids;  // 0 / 1 for the first / second text, -1 for added specials and padding

  std::size_t size() const { return ids.size(); }
  // Appends everything from `other` (used by post-processors).
  void append(const Encoding& other);
  void append(Encoding&& other);
  // Keeps the first `n` entries (truncation from the right) or the last `n` (from the left).
  void truncate(std::size_t n, bool from_left = false);
  // Pads to `length` with `pad_id` / `pad_token`, on the right or the left.
  void pad(std::size_t length, std::int64_t pad_id, const std::string& pad_token, std::int64_t pad_type_id,
           bool left);
};

}  // namespace autoclass
