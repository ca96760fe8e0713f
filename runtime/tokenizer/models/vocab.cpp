#include "runtime/tokenizer/models/vocab.h"

#include <string>

#include "runtime/core/error.h"

namespace autoclass::tok {

void Vocab::reserve(std::size_t n) {
  by_id_.reserve(n);
  has_.reserve(n);
  std::size_t cap = 16;
  while (cap < n * 2) cap <<= 1;
  if (cap > slots_.size()) {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(cap, 0);
    mask_ = cap - 1;
    for (std::uint64_t e : old) if (e != 0) insert_slot(StringHash{}(by_id_[static_cast<std::uint32_t>(e)]), static_cast<std::uint32_t>(e));
  }
}

void Vocab::insert_slot(std::uint64_t h, std::uint32_t id) {
  const std::uint64_t tag = static_cast<std::uint32_t>(h >> 32) | 1u;
  std::size_t slot = static_cast<std::size_t>(h) & mask_;
  while (slots_[slot] != 0) slot = (slot + 1) & mask_;
  slots_[slot] = (tag << 32) | id;
}

void Vocab::grow() { reserve(slots_.empty() ? 16 : slots_.size()); }

bool Vocab::add(std::string token, std::uint32_t id) {
  if (id > kMaxTokenId)  // every loader checks with a better message; this keeps the dense table bounded
    throw Error(ErrorKind::kLimit, "token id " + std::to_string(id) + " for \"" + token.substr(0, 64) +
                                       "\" is over the limit of " + std::to_string(kMaxTokenId));
  if (find(token)) return false;
  if ((count_ + 1) * 2 > slots_.size()) grow();
  if (id >= by_id_.size()) { by_id_.resize(id + 1); has_.resize(id + 1, false); }
  if (has_[id]) return false;  // id already taken by another string: keep the first
  const std::uint64_t h = StringHash{}(token);
  by_id_[id] = std::move(token);
  has_[id] = true;
  insert_slot(h, id);
  ++count_;
  return true;
}

}  // namespace autoclass::tok
