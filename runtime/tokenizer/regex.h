// PCRE2 regex in UTF + UCP mode (so \p{L}, \s, \w follow Unicode like HF's Oniguruma / fancy-regex
// patterns), JIT-compiled. Safe to share between threads: match state is per call.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace autoclass::tok {

class Regex {
 public:
  // Throws Error(kParse) naming `origin` (e.g. the JSON path) when the pattern does not compile.
  Regex(const std::string& pattern, const std::string& origin);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  // All non-overlapping, non-empty matches [begin, end) in `text` (which must be valid UTF-8).
  void find_all(std::string_view text, std::vector<std::pair<std::size_t, std::size_t>>& out) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Escapes a literal string for use inside a PCRE2 pattern.
std::string regex_escape(std::string_view literal);

}  // namespace autoclass::tok
