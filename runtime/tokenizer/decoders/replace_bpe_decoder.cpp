// HF Replace decoder (pattern -> content in every token) and BPEDecoder (suffix -> space, none at
// the very end).
#include "runtime/tokenizer/decoders/decoders.h"

namespace autoclass::tok {

ReplaceDecoder::ReplaceDecoder(const std::string& pattern, bool is_regex, std::string content, const std::string& origin)
    : content_(std::move(content)) {
  if (is_regex) regex_ = std::make_unique<Regex>(pattern, origin);
  else literal_ = pattern;
}

void ReplaceDecoder::decode_chain(std::vector<std::string>& tokens) const {
  std::vector<std::pair<std::size_t, std::size_t>> matches;
  for (std::string& t : tokens) {
    matches.clear();
    if (regex_) {
      regex_->find_all(t, matches);
    } else if (!literal_.empty()) {
      std::size_t pos = 0;
      while ((pos = t.find(literal_, pos)) != std::string::npos) { matches.emplace_back(pos, pos + literal_.size()); pos += literal_.size(); }
    }
    if (matches.empty()) continue;
    std::string out;
    std::size_t prev = 0;
    for (const auto& [b, e] : matches) { out.append(t, prev, b - prev); out += content_; prev = e; }
    out.append(t, prev, std::string::npos);
    t = std::move(out);
  }
}

void BpeDecoder::decode_chain(std::vector<std::string>& tokens) const {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string& t = tokens[i];
    const std::string with = i + 1 == tokens.size() ? "" : " ";
    std::size_t pos = 0;
    while (!suffix_.empty() && (pos = t.find(suffix_, pos)) != std::string::npos) { t.replace(pos, suffix_.size(), with); pos += with.size(); }
  }
}

}  // namespace autoclass::tok
