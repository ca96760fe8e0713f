// HF BPE model. Merges are applied lowest-rank first (ties: leftmost), through a priority queue over
// a linked list of symbols, exactly like HF's Word::merge_all; stale queue entries are skipped.
// Chars missing from the vocabulary become <0xXX> byte tokens (byte_fallback) or the unk token
// (consecutive unks fused when fuse_unk). Results per word are cached per thread.
#include <cstdio>
#include <mutex>
#include <queue>
#include <unordered_map>

#include "runtime/tokenizer/models/models.h"

namespace autoclass::tok {

namespace {
inline std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) { return (static_cast<std::uint64_t>(a) << 32) | b; }
inline std::uint64_t mix(std::uint64_t k) {
  k ^= k >> 33; k *= 0xff51afd7ed558ccdull; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53ull; k ^= k >> 33;
  return k;
}
constexpr std::uint64_t kEmptyKey = ~0ull;
}  // namespace

std::string byte_token_name(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "<0x%02X>", b);
  return buf;
}

BpeModel::BpeModel(Vocab vocab, const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options,
                   const std::string& origin)
    : vocab_(std::move(vocab)), opt_(std::move(options)), cache_(std::make_unique<CacheShard[]>(kCacheShards)) {
  if (opt_.unk_token) unk_id_ = vocab_.find(*opt_.unk_token);
  for (int b = 0; b < 256; ++b) {
    auto id = vocab_.find(byte_token_name(static_cast<unsigned char>(b)));
    byte_ids_[b] = id ? static_cast<std::int64_t>(*id) : -1;
  }
  std::size_t cap = 16;
  while (cap < merges.size() * 2) cap <<= 1;
  merge_table_.assign(cap, MergeEntry{kEmptyKey, 0, 0});
  merge_mask_ = cap - 1;
  const std::size_t prefix_len = opt_.continuing_subword_prefix.size();
  std::string joined;
  for (std::size_t rank = 0; rank < merges.size(); ++rank) {
    const auto& [a, b] = merges[rank];
    auto ia = vocab_.find(a), ib = vocab_.find(b);
    if (!ia || !ib) {
      throw Error(ErrorKind::kParse, origin + "/" + std::to_string(rank) + ": merge \"" + a + " " + b +
                                         "\" uses a token missing from the vocabulary");
    }
    joined.assign(a);
    if (prefix_len > 0 && b.compare(0, prefix_len, opt_.continuing_subword_prefix) == 0) joined.append(b, prefix_len);
    else joined.append(b);
    auto inew = vocab_.find(joined);
    if (!inew) {
      throw Error(ErrorKind::kParse, origin + "/" + std::to_string(rank) + ": merge result \"" + joined +
                                         "\" is missing from the vocabulary");
    }
    const std::uint64_t key = pair_key(*ia, *ib);
    std::uint64_t slot = mix(key) & merge_mask_;
    while (merge_table_[slot].key != kEmptyKey && merge_table_[slot].key != key) slot = (slot + 1) & merge_mask_;
    if (merge_table_[slot].key == key) continue;  // duplicate merge: the first (lowest rank) wins
    merge_table_[slot] = MergeEntry{key, static_cast<std::uint32_t>(rank), *inew};
  }
}

const BpeModel::MergeEntry* BpeModel::find_merge(std::uint32_t a, std::uint32_t b) const {
  const std::uint64_t key = pair_key(a, b);
  std::uint64_t slot = mix(key) & merge_mask_;
  while (true) {
    const MergeEntry& e = merge_table_[slot];
    if (e.key == key) return &e;
    if (e.key == kEmptyKey) return nullptr;
    slot = (slot + 1) & merge_mask_;
  }
}

void BpeModel::tokenize_word(std::string_view word, std::vector<Piece>& out) const {
  if (opt_.ignore_merges) {
    if (auto id = vocab_.find(word)) { out.push_back({*id, static_cast<std::uint32_t>(word.size())}); return; }
  }
  struct Symbol { std::uint32_t id; std::uint32_t len; int prev, next; };
  std::vector<Symbol> syms;
  syms.reserve(word.size());
  std::string scratch;
  const bool affixes = !opt_.continuing_subword_prefix.empty() || !opt_.end_of_word_suffix.empty();
  std::size_t i = 0;
  bool pending_unk = false;  // the last symbol is an unk that may absorb the next one
  auto push = [&](std::uint32_t id, std::uint32_t len) {
    syms.push_back({id, len, static_cast<int>(syms.size()) - 1, static_cast<int>(syms.size()) + 1});
  };
  while (i < word.size()) {
    const std::size_t len = std::min<std::size_t>(utf8_char_len(static_cast<unsigned char>(word[i])), word.size() - i);
    std::string_view ch = word.substr(i, len);
    std::optional<std::uint32_t> id;
    if (affixes) {
      scratch.clear();
      if (i > 0) scratch += opt_.continuing_subword_prefix;
      scratch.append(ch);
      if (i + len == word.size()) scratch += opt_.end_of_word_suffix;
      id = vocab_.find(scratch);
    } else {
      id = vocab_.find(ch);
    }
    if (id) {
      push(*id, static_cast<std::uint32_t>(len));
      pending_unk = false;
    } else {
      bool done = false;
      if (opt_.byte_fallback) {
        bool all = true;
        for (std::size_t k = 0; k < len; ++k) if (byte_ids_[static_cast<unsigned char>(ch[k])] < 0) { all = false; break; }
        if (all) {
          for (std::size_t k = 0; k < len; ++k) push(static_cast<std::uint32_t>(byte_ids_[static_cast<unsigned char>(ch[k])]), 1);
          pending_unk = false;
          done = true;
        }
      }
      if (!done && unk_id_) {
        if (pending_unk && opt_.fuse_unk) {
          syms.back().len += static_cast<std::uint32_t>(len);
        } else {
          push(*unk_id_, static_cast<std::uint32_t>(len));
        }
        pending_unk = true;
      }
      // No unk token: HF silently drops the char.
    }
    i += len;
  }
  if (!syms.empty()) syms.back().next = -1;
  for (std::size_t k = 0; k < syms.size(); ++k) syms[k].prev = static_cast<int>(k) - 1;
  for (std::size_t k = 0; k + 1 < syms.size(); ++k) syms[k].next = static_cast<int>(k + 1);

  struct Candidate { std::uint32_t rank; int pos; std::uint32_t new_id; };
  auto worse = [](const Candidate& x, const Candidate& y) { return x.rank != y.rank ? x.rank > y.rank : x.pos > y.pos; };
  std::priority_queue<Candidate, std::vector<Candidate>, decltype(worse)> queue(worse);
  for (std::size_t k = 0; k + 1 < syms.size(); ++k) {
    if (const MergeEntry* m = find_merge(syms[k].id, syms[k + 1].id))
      queue.push({m->rank, static_cast<int>(k), m->new_id});
  }
  while (!queue.empty()) {
    const Candidate top = queue.top();
    queue.pop();
    Symbol& left = syms[static_cast<std::size_t>(top.pos)];
    if (left.len == 0 || left.next < 0) continue;
    Symbol& right = syms[static_cast<std::size_t>(left.next)];
    const MergeEntry* m = find_merge(left.id, right.id);
    if (m == nullptr || m->new_id != top.new_id) continue;
    left.id = top.new_id;
    left.len += right.len;
    right.len = 0;
    const int after = right.next;
    left.next = after;
    if (after >= 0) syms[static_cast<std::size_t>(after)].prev = top.pos;
    if (left.prev >= 0) {
      if (const MergeEntry* pm = find_merge(syms[static_cast<std::size_t>(left.prev)].id, left.id))
        queue.push({pm->rank, left.prev, pm->new_id});
    }
    if (after >= 0) {
      if (const MergeEntry* nm = find_merge(left.id, syms[static_cast<std::size_t>(after)].id))
        queue.push({nm->rank, top.pos, nm->new_id});
    }
  }
  for (const Symbol& s : syms) if (s.len > 0) out.push_back({s.id, s.len});
}

const std::vector<BpeModel::Piece>* BpeModel::CacheShard::find(std::string_view word, std::uint64_t h) const {
  if (slots.empty()) return nullptr;
  const std::size_t mask = slots.size() - 1;
  const std::uint64_t tag = (h >> 32) | 1u;
  for (std::size_t slot = h & mask;; slot = (slot + 1) & mask) {
    const std::uint64_t e = slots[slot];
    if (e == 0) return nullptr;
    if ((e >> 32) == tag) {
      const auto& entry = entries[static_cast<std::uint32_t>(e) - 1];
      if (entry.first == word) return &entry.second;
    }
  }
}

void BpeModel::CacheShard::insert(std::string_view word, std::uint64_t h, std::vector<Piece> pieces) {
  if (slots.empty()) slots.assign(2 * kCacheShardCapacity, 0);  // load factor <= 1/2
  const std::size_t mask = slots.size() - 1;
  const std::uint64_t tag = (h >> 32) | 1u;
  std::size_t slot = h & mask;
  while (slots[slot] != 0) {
    const std::uint64_t e = slots[slot];
    if ((e >> 32) == tag && entries[static_cast<std::uint32_t>(e) - 1].first == word) return;  // raced: already there
    slot = (slot + 1) & mask;
  }
  entries.emplace_back(std::string(word), std::move(pieces));
  slots[slot] = (tag << 32) | entries.size();
}

void BpeModel::tokenize(const AlignedString& piece, std::vector<Token>& out) const {
  const std::string& word = piece.text();
  if (word.empty()) return;
  auto emit = [&](const std::vector<Piece>& pieces) {
    std::size_t pos = 0;
    for (const Piece& p : pieces) {
      out.push_back({p.id, piece.original(pos, pos + p.len)});
      pos += p.len;
    }
  };
  if (word.size() > 256) {  // long words are rare; don't let them evict the common ones
    std::vector<Piece> fresh;
    tokenize_word(word, fresh);
    emit(fresh);
    return;
  }
  const std::uint64_t h = StringHash{}(word);
  CacheShard& shard = cache_[(h >> 7) % kCacheShards];
  // Never wait on the cache: if another thread holds the shard, just compute the word.
  {
    std::shared_lock lock(shard.mutex, std::try_to_lock);
    if (lock.owns_lock()) {
      if (const std::vector<Piece>* hit = shard.find(word, h)) { emit(*hit); return; }
    }
  }
  std::vector<Piece> fresh;
  tokenize_word(word, fresh);
  emit(fresh);
  std::unique_lock lock(shard.mutex, std::try_to_lock);
  if (!lock.owns_lock()) return;
  if (shard.entries.size() >= kCacheShardCapacity) { shard.entries.clear(); shard.slots.clear(); }
  shard.insert(word, h, std::move(fresh));
}

}  // namespace autoclass::tok
