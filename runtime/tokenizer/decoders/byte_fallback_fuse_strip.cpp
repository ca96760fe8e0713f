// HF ByteFallback (runs of <0xXX> tokens -> UTF-8, or one U+FFFD per byte if invalid), Fuse (join all
// tokens), Strip (drop up to `start` leading / `stop` trailing `content` chars per token).
#include "runtime/tokenizer/decoders/decoders.h"

namespace autoclass::tok {

namespace {
int parse_byte_token(const std::string& t) {
  if (t.size() != 6 || t.compare(0, 3, "<0x") != 0 || t[5] != '>') return -1;
  auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
  const int hi = hex(t[3]), lo = hex(t[4]);
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}
}  // namespace

void ByteFallbackDecoder::decode_chain(std::vector<std::string>& tokens) const {
  std::vector<std::string> out;
  std::string pending;
  std::size_t pending_count = 0;
  auto flush = [&] {
    if (pending_count == 0) return;
    if (utf8_valid(pending)) out.push_back(pending);
    else for (std::size_t k = 0; k < pending_count; ++k) out.emplace_back("\xEF\xBF\xBD");
    pending.clear();
    pending_count = 0;
  };
  for (std::string& t : tokens) {
    const int b = parse_byte_token(t);
    if (b >= 0) { pending.push_back(static_cast<char>(b)); ++pending_count; continue; }
    flush();
    out.push_back(std::move(t));
  }
  flush();
  tokens = std::move(out);
}

void FuseDecoder::decode_chain(std::vector<std::string>& tokens) const {
  std::string all;
  for (const std::string& t : tokens) all += t;
  tokens.assign(1, std::move(all));
}

void StripDecoder::decode_chain(std::vector<std::string>& tokens) const {
  for (std::string& t : tokens) {
    std::size_t b = 0, e = t.size();
    for (std::size_t k = 0; k < start_ && !content_.empty() && t.compare(b, content_.size(), content_) == 0; ++k) b += content_.size();
    for (std::size_t k = 0; k < stop_ && !content_.empty() && e >= b + content_.size() &&
                            t.compare(e - content_.size(), content_.size(), content_) == 0; ++k)
      e -= content_.size();
    t = t.substr(b, e - b);
  }
}

}  // namespace autoclass::tok
