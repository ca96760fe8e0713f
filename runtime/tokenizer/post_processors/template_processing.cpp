// HF TemplateProcessing: "$A"/"$B" and special-token items, each with a type id. Sequences take the
// item's type id even when special tokens are not added (as HF does).
#include "runtime/tokenizer/post_processors/post_processors.h"

namespace autoclass::tok {

Encoding special_piece(const std::vector<std::int64_t>& ids, const std::vector<std::string>& tokens, std::int64_t type_id) {
  Encoding e;
  e.ids = ids;
  e.tokens = tokens;
  e.type_ids.assign(ids.size(), type_id);
  e.attention_mask.assign(ids.size(), 1);
  e.offsets.assign(ids.size(), {0, 0});
  e.special_tokens_mask.assign(ids.size(), 1);
  e.sequence_ids.assign(ids.size(), -1);
  return e;
}

TemplateProcessing::TemplateProcessing(std::vector<Item> single, std::vector<Item> pair,
                                       std::map<std::string, Special> specials)
    : single_(std::move(single)), pair_(std::move(pair)), specials_(std::move(specials)) {}

std::size_t TemplateProcessing::added_tokens(bool is_pair) const {
  std::size_t n = 0;
  for (const Item& it : is_pair ? pair_ : single_) {
    if (it.is_sequence) continue;
    auto s = specials_.find(it.special);
    if (s != specials_.end()) n += s->second.ids.size();
  }
  return n;
}

void TemplateProcessing::process(std::vector<Encoding>& encodings, bool add_special_tokens) const {
  const std::vector<Item>& items = encodings.size() >= 2 ? pair_ : single_;
  // Sequences used once (the normal case) are moved, not copied.
  std::vector<int> uses(encodings.size(), 0);
  for (const Item& it : items)
    if (it.is_sequence && static_cast<std::size_t>(it.sequence) < encodings.size()) ++uses[static_cast<std::size_t>(it.sequence)];
  Encoding out;
  for (const Item& it : items) {
    if (it.is_sequence) {
      const auto k = static_cast<std::size_t>(it.sequence);
      if (k >= encodings.size()) continue;
      Encoding e = --uses[k] == 0 ? std::move(encodings[k]) : encodings[k];
      e.type_ids.assign(e.size(), it.type_id);
      out.append(std::move(e));
    } else if (add_special_tokens) {
      const Special& sp = specials_.at(it.special);
      out.append(special_piece(sp.ids, sp.tokens, it.type_id));
    }
  }
  encodings.clear();
  encodings.push_back(std::move(out));
}

}  // namespace autoclass::tok
