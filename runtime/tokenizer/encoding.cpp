#include "runtime/tokenizer/encoding.h"

#include <algorithm>
#include <iterator>

namespace autoclass {

namespace {
template <class T>
void append_vec(std::vector<T>& a, const std::vector<T>& b) { a.insert(a.end(), b.begin(), b.end()); }
template <class T>
void keep(std::vector<T>& v, std::size_t n, bool from_left) {
  if (v.size() <= n) return;
  if (from_left) v.erase(v.begin(), v.end() - static_cast<std::ptrdiff_t>(n));
  else v.resize(n);
}
template <class T>
void pad_vec(std::vector<T>& v, std::size_t n, const T& value, bool left) {
  if (v.size() >= n) return;
  if (left) v.insert(v.begin(), n - v.size(), value);
  else v.resize(n, value);
}
}  // namespace

void Encoding::append(const Encoding& o) {
  append_vec(ids, o.ids);
  append_vec(tokens, o.tokens);
  append_vec(type_ids, o.type_ids);
  append_vec(attention_mask, o.attention_mask);
  append_vec(offsets, o.offsets);
  append_vec(special_tokens_mask, o.special_tokens_mask);
  append_vec(sequence_ids, o.sequence_ids);
}

void Encoding::append(Encoding&& o) {
  if (ids.empty()) { *this = std::move(o); return; }
  append_vec(ids, o.ids);
  tokens.insert(tokens.end(), std::make_move_iterator(o.tokens.begin()), std::make_move_iterator(o.tokens.end()));
  append_vec(type_ids, o.type_ids);
  append_vec(attention_mask, o.attention_mask);
  append_vec(offsets, o.offsets);
  append_vec(special_tokens_mask, o.special_tokens_mask);
  append_vec(sequence_ids, o.sequence_ids);
}

void Encoding::truncate(std::size_t n, bool from_left) {
  keep(ids, n, from_left);
  keep(tokens, n, from_left);
  keep(type_ids, n, from_left);
  keep(attention_mask, n, from_left);
  keep(offsets, n, from_left);
  keep(special_tokens_mask, n, from_left);
  keep(sequence_ids, n, from_left);
}

void Encoding::pad(std::size_t length, std::int64_t pad_id, const std::string& pad_token, std::int64_t pad_type_id,
                   bool left) {
  pad_vec(ids, length, pad_id, left);
  pad_vec(tokens, length, pad_token, left);
  pad_vec(type_ids, length, pad_type_id, left);
  pad_vec(attention_mask, length, std::int64_t{0}, left);
  pad_vec(offsets, length, std::pair<std::size_t, std::size_t>{0, 0}, left);
  pad_vec(special_tokens_mask, length, std::int64_t{1}, left);
  pad_vec(sequence_ids, length, -1, left);
}

}  // namespace autoclass
