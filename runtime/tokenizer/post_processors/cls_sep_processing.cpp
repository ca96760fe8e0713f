// HF BertProcessing and RobertaProcessing.
#include "runtime/tokenizer/post_processors/post_processors.h"

namespace autoclass::tok {

void ClsSepProcessing::process(std::vector<Encoding>& encodings, bool add_special_tokens) const {
  if (!add_special_tokens || encodings.empty()) return;
  Encoding out = special_piece({cls_id_}, {cls_}, 0);
  Encoding first = encodings[0];
  first.type_ids.assign(first.size(), 0);
  out.append(first);
  out.append(special_piece({sep_id_}, {sep_}, 0));
  if (encodings.size() >= 2) {
    const std::int64_t type = roberta_ ? 0 : 1;
    if (roberta_) out.append(special_piece({sep_id_}, {sep_}, type));
    Encoding second = encodings[1];
    second.type_ids.assign(second.size(), type);
    out.append(second);
    out.append(special_piece({sep_id_}, {sep_}, type));
  }
  encodings.clear();
  encodings.push_back(std::move(out));
}

}  // namespace autoclass::tok
