// HF BertProcessing and RobertaProcessing.
#include "runtime/tokenizer/post_processors/post_processors.h"

#include <algorithm>

namespace autoclass::tok {

void trim_byte_level_offsets(Encoding& e, bool add_prefix_space) {
  static const std::string kSpace = "\xC4\xA0";  // U+0120, the byte-level stand-in for ' '
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (e.special_tokens_mask[i]) continue;
    const std::string& t = e.tokens[i];
    std::size_t lead = 0, trail = 0;
    while (t.compare(lead * 2, 2, kSpace) == 0 && lead * 2 + 2 <= t.size()) ++lead;
    if (lead * 2 < t.size())
      while (trail * 2 + 2 <= t.size() - lead * 2 && t.compare(t.size() - (trail + 1) * 2, 2, kSpace) == 0) ++trail;
    auto& [b, end] = e.offsets[i];
    if (lead > 0) {
      const bool is_first = i == 0 || b == 0;
      if (is_first && add_prefix_space && lead == 1) lead = 0;
      b = std::min(b + lead, end);
    }
    if (trail > 0 && end >= trail) end = std::max(end - trail, b);
  }
}

void ClsSepProcessing::process(std::vector<Encoding>& encodings, bool add_special_tokens) const {
  if (trim_offsets_) for (Encoding& e : encodings) trim_byte_level_offsets(e, add_prefix_space_);
  if (!add_special_tokens || encodings.empty()) return;
  Encoding out = special_piece({cls_id_}, {cls_}, 0);
  Encoding first = std::move(encodings[0]);
  first.type_ids.assign(first.size(), 0);
  out.append(std::move(first));
  out.append(special_piece({sep_id_}, {sep_}, 0));
  if (encodings.size() >= 2) {
    const std::int64_t type = roberta_ ? 0 : 1;
    if (roberta_) out.append(special_piece({sep_id_}, {sep_}, type));
    Encoding second = std::move(encodings[1]);
    second.type_ids.assign(second.size(), type);
    out.append(std::move(second));
    out.append(special_piece({sep_id_}, {sep_}, type));
  }
  encodings.clear();
  encodings.push_back(std::move(out));
}

}  // namespace autoclass::tok
