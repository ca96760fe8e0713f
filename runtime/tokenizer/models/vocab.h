// Token string <-> id table shared by the models. An open-addressing table of (hash, id) words
// over the id -> string array: one cache line per lookup, no allocation, string_view keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace autoclass::tok {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    // FNV-1a 64 with a final mix: fast for short tokens, good spread.
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) { h ^= c; h *= 1099511628211ull; }
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return static_cast<std::size_t>(h);
  }
};

// Token ids index dense tables (id -> token), so an id is also an allocation size: ids are capped at 2^24
// (16.7M; the largest real vocabularies are ~1M), and a tokenizer.json may not use ids far beyond what its
// size could hold (see parse_vocab_object), so a 100-byte file cannot ask for gigabytes.
inline constexpr std::int64_t kMaxTokenId = (std::int64_t{1} << 24) - 1;
inline std::string token_id_range_error() { return "token id out of range (0 to " + std::to_string(kMaxTokenId) + ")"; }

class Vocab {
 public:
  void reserve(std::size_t n);
  // Adds `token` with `id` (ids may be sparse); returns false if the token already exists.
  bool add(std::string token, std::uint32_t id);
  std::optional<std::uint32_t> find(std::string_view token) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint64_t h = StringHash{}(token);
    const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32) | 1u;
    std::size_t slot = static_cast<std::size_t>(h) & mask_;
    while (true) {
      const std::uint64_t e = slots_[slot];
      if (e == 0) return std::nullopt;
      if (static_cast<std::uint32_t>(e >> 32) == tag) {
        const std::uint32_t id = static_cast<std::uint32_t>(e);
        if (by_id_[id] == token) return id;
      }
      slot = (slot + 1) & mask_;
    }
  }
  const std::string* token(std::uint32_t id) const {
    return id < by_id_.size() && has_[id] ? &by_id_[id] : nullptr;
  }
  std::size_t size() const { return count_; }

 private:
  void grow();
  void insert_slot(std::uint64_t h, std::uint32_t id);

  std::vector<std::string> by_id_;
  std::vector<bool> has_;
  std::vector<std::uint64_t> slots_;  // (tag << 32) | id; 0 = empty (tags always have bit 0 set)
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace autoclass::tok
