// HF Replace (literal or regex pattern -> content) and Prepend (only on non-empty text).
#include "runtime/tokenizer/normalizers/normalizers.h"

#include <cstring>

namespace autoclass::tok {

ReplaceNormalizer::ReplaceNormalizer(const std::string& pattern, bool is_regex, std::string content,
                                     const std::string& origin)
    : content_(std::move(content)) {
  if (is_regex) regex_ = std::make_unique<Regex>(pattern, origin);
  else literal_ = pattern;
}

void ReplaceNormalizer::normalize(AlignedString& s) const {
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  const std::string& t = s.text();
  if (regex_) {
    regex_->find_all(t, matches);
  } else if (!literal_.empty()) {
    std::size_t pos = 0;
    while ((pos = t.find(literal_, pos)) != std::string::npos) {
      matches.emplace_back(pos, pos + literal_.size());
      pos += literal_.size();
    }
  }
  if (matches.empty()) return;
  std::vector<AlignedString::Edit> edits;
  edits.reserve(matches.size());
  for (const auto& [b, e] : matches) edits.push_back({b, e, content_});
  s.apply_edits(edits);
}

void PrependNormalizer::normalize(AlignedString& s) const {
  if (!s.empty()) s.prepend(prepend_);
}

}  // namespace autoclass::tok
