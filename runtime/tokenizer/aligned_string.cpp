#include "runtime/tokenizer/aligned_string.h"

namespace autoclass::tok {

Offsets AlignedString::original(std::size_t a, std::size_t b) const {
  if (starts_.empty()) return {base_ + a, base_ + b};
  if (a >= text_.size()) {
    const std::size_t end = text_.empty() ? base_ : ends_.back();
    return {end, end};
  }
  if (b <= a) return {starts_[a], starts_[a]};
  return {starts_[a], ends_[b - 1]};
}

AlignedString AlignedString::slice(std::size_t a, std::size_t b) const {
  AlignedString out;
  out.text_ = text_.substr(a, b - a);
  if (starts_.empty()) {
    out.base_ = base_ + a;
  } else {
    out.starts_.assign(starts_.begin() + static_cast<std::ptrdiff_t>(a), starts_.begin() + static_cast<std::ptrdiff_t>(b));
    out.ends_.assign(ends_.begin() + static_cast<std::ptrdiff_t>(a), ends_.begin() + static_cast<std::ptrdiff_t>(b));
    out.base_ = a < starts_.size() ? starts_[a] : base_;
  }
  return out;
}

void AlignedString::materialize() {
  if (!starts_.empty() || text_.empty()) return;
  starts_.resize(text_.size());
  ends_.resize(text_.size());
  // A multi-byte char maps as a whole: every byte gets the char's full range.
  std::size_t i = 0;
  while (i < text_.size()) {
    const std::size_t len = static_cast<std::size_t>(utf8_char_len(static_cast<unsigned char>(text_[i])));
    const std::size_t n = std::min(len, text_.size() - i);
    for (std::size_t k = 0; k < n; ++k) {
      starts_[i + k] = static_cast<std::uint32_t>(base_ + i);
      ends_[i + k] = static_cast<std::uint32_t>(base_ + i + n);
    }
    i += n;
  }
}

void AlignedString::apply_edits(const std::vector<Edit>& edits) {
  if (edits.empty()) return;
  materialize();
  std::string out;
  std::vector<std::uint32_t> s2, e2;
  out.reserve(text_.size());
  std::size_t pos = 0;
  auto copy_to = [&](std::size_t end) {
    out.append(text_, pos, end - pos);
    s2.insert(s2.end(), starts_.begin() + static_cast<std::ptrdiff_t>(pos), starts_.begin() + static_cast<std::ptrdiff_t>(end));
    e2.insert(e2.end(), ends_.begin() + static_cast<std::ptrdiff_t>(pos), ends_.begin() + static_cast<std::ptrdiff_t>(end));
    pos = end;
  };
  for (const Edit& e : edits) {
    copy_to(e.begin);
    const Offsets range = original(e.begin, e.end);
    out.append(e.with);
    for (std::size_t k = 0; k < e.with.size(); ++k) {
      s2.push_back(static_cast<std::uint32_t>(range.first));
      e2.push_back(static_cast<std::uint32_t>(range.second));
    }
    pos = e.end;
  }
  copy_to(text_.size());
  text_ = std::move(out);
  starts_ = std::move(s2);
  ends_ = std::move(e2);
  if (text_.empty()) { starts_.clear(); ends_.clear(); }
}

void AlignedString::map_bytes(const std::array<std::string, 256>& table) {
  std::string out;
  out.reserve(text_.size() * 2);
  std::vector<std::uint32_t> s2, e2;
  s2.reserve(text_.size() * 2);
  e2.reserve(text_.size() * 2);
  std::size_t i = 0;
  while (i < text_.size()) {
    const std::size_t len = std::min<std::size_t>(utf8_char_len(static_cast<unsigned char>(text_[i])), text_.size() - i);
    const Offsets r = original(i, i + len);
    for (std::size_t k = 0; k < len; ++k) {
      const std::string& m = table[static_cast<unsigned char>(text_[i + k])];
      out += m;
      s2.insert(s2.end(), m.size(), static_cast<std::uint32_t>(r.first));
      e2.insert(e2.end(), m.size(), static_cast<std::uint32_t>(r.second));
    }
    i += len;
  }
  text_ = std::move(out);
  starts_ = std::move(s2);
  ends_ = std::move(e2);
  if (text_.empty()) { starts_.clear(); ends_.clear(); }
}

void AlignedString::prepend(std::string_view s) {
  if (s.empty()) return;
  const std::size_t first_len = text_.empty() ? 0 : static_cast<std::size_t>(utf8_char_len(static_cast<unsigned char>(text_[0])));
  const Offsets r = original(0, std::min(first_len, text_.size()));
  materialize();
  text_.insert(0, s);
  starts_.insert(starts_.begin(), s.size(), static_cast<std::uint32_t>(r.first));
  ends_.insert(ends_.begin(), s.size(), static_cast<std::uint32_t>(r.second));
}

void AlignedString::append(std::string_view s) {
  if (s.empty()) return;
  const Offsets r = original(text_.size(), text_.size());
  const std::size_t last_begin = [&] {
    std::size_t i = text_.size();
    while (i > 0 && (static_cast<unsigned char>(text_[i - 1]) & 0xC0) == 0x80) --i;
    return i > 0 ? i - 1 : 0;
  }();
  const Offsets last = text_.empty() ? r : original(last_begin, text_.size());
  materialize();
  text_.append(s);
  starts_.insert(starts_.end(), s.size(), static_cast<std::uint32_t>(last.first));
  ends_.insert(ends_.end(), s.size(), static_cast<std::uint32_t>(last.second));
}

void AlignedString::replace_all_coarse(std::string text) {
  if (text == text_) return;
  const Offsets r = original(0, text_.size());
  text_ = std::move(text);
  starts_.assign(text_.size(), static_cast<std::uint32_t>(r.first));
  ends_.assign(text_.size(), static_cast<std::uint32_t>(r.second));
  if (text_.empty()) { starts_.clear(); ends_.clear(); base_ = r.first; }
}

}  // namespace autoclass::tok
