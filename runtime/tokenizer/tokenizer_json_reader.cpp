#include "runtime/tokenizer/tokenizer_json_reader.h"

#include <algorithm>
#include <string_view>
#include <type_traits>

#include "runtime/core/error.h"
#include "runtime/tokenizer/unicode.h"

namespace autoclass::tok {

namespace {

class Scanner {
 public:
  Scanner(const std::string& text, const std::string& origin) : t_(text), origin_(origin) {}

  // `path` is a JSON path string, or a callable producing one (built only when failing).
  template <class P>
  [[noreturn]] void fail(std::size_t pos, const P& path_src, const std::string& what) const {
    std::string path;
    if constexpr (std::is_invocable_v<P>) path = path_src(); else path = path_src;
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < pos && i < t_.size(); ++i) {
      if (t_[i] == '\n') { ++line; col = 1; } else { ++col; }
    }
    throw Error(ErrorKind::kParse, origin_ + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " +
                                       (path.empty() ? "/" : path) + ": " + what);
  }
  void ws(std::size_t& p) const {
    while (p < t_.size() && (t_[p] == ' ' || t_[p] == '\n' || t_[p] == '\r' || t_[p] == '\t')) ++p;
  }
  template <class P>
  void expect(std::size_t& p, char c, const P& path) const {
    ws(p);
    if (p >= t_.size() || t_[p] != c) fail(p, path, std::string("expected '") + c + "'");
    ++p;
  }
  // Parses a JSON string at p (which must be '"') into out.
  template <class P>
  void string(std::size_t& p, std::string& out, const P& path) const {
    ws(p);
    if (p >= t_.size() || t_[p] != '"') fail(p, path, "expected a string");
    ++p;
    out.clear();
    while (true) {
      const std::size_t start = p;
      while (p < t_.size() && t_[p] != '"' && t_[p] != '\\' && static_cast<unsigned char>(t_[p]) >= 0x20) ++p;
      out.append(t_, start, p - start);
      if (p >= t_.size()) fail(p, path, "unterminated string");
      const char c = t_[p];
      if (c == '"') { ++p; return; }
      if (c != '\\') fail(p, path, "control character in string");
      if (++p >= t_.size()) fail(p, path, "unterminated escape");
      switch (t_[p++]) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          char32_t cp = hex4(p, path);
          if (cp >= 0xD800 && cp <= 0xDBFF && p + 1 < t_.size() && t_[p] == '\\' && t_[p + 1] == 'u') {
            std::size_t q = p + 2;
            const char32_t lo = hex4(q, path);
            if (lo >= 0xDC00 && lo <= 0xDFFF) { cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00); p = q; }
          }
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // lone surrogate
          utf8_append(out, cp);
          break;
        }
        default: fail(p - 1, path, "invalid escape");
      }
    }
  }
  template <class P>
  std::int64_t integer(std::size_t& p, const P& path) const {
    ws(p);
    bool neg = false;
    if (p < t_.size() && t_[p] == '-') { neg = true; ++p; }
    if (p >= t_.size() || t_[p] < '0' || t_[p] > '9') fail(p, path, "expected an integer");
    std::int64_t v = 0;
    while (p < t_.size() && t_[p] >= '0' && t_[p] <= '9') {
      v = v * 10 + (t_[p] - '0');
      if (v > (1ll << 40)) fail(p, path, "integer out of range");
      ++p;
    }
    if (p < t_.size() && (t_[p] == '.' || t_[p] == 'e' || t_[p] == 'E')) fail(p, path, "expected an integer");
    return neg ? -v : v;
  }
  // Skips any JSON value (strings aware of escapes; brackets counted iteratively).
  void skip_value(std::size_t& p, const std::string& path) const {
    ws(p);
    if (p >= t_.size()) fail(p, path, "unexpected end of input");
    int depth = 0;
    do {
      ws(p);
      if (p >= t_.size()) fail(p, path, "unexpected end of input");
      const char c = t_[p];
      if (c == '"') {
        ++p;
        while (p < t_.size() && t_[p] != '"') p += t_[p] == '\\' ? 2 : 1;
        if (p >= t_.size()) fail(p, path, "unterminated string");
        ++p;
      } else if (c == '{' || c == '[') {
        ++depth;
        ++p;
      } else if (c == '}' || c == ']') {
        if (depth == 0) fail(p, path, "unexpected bracket");
        --depth;
        ++p;
      } else if (c == ',' || c == ':') {
        if (depth == 0) fail(p, path, "expected a value");
        ++p;
      } else {
        // numbers and literals (validated later by nlohmann or the typed parsers). Not strchr: it finds
        // the NUL terminator too, so a NUL byte here would never be consumed (found by fuzz_tokenizer_json).
        const std::size_t start = p;
        while (p < t_.size() && std::string_view(",:]} \n\r\t\"[{").find(t_[p]) == std::string_view::npos) ++p;
        if (p == start) fail(p, path, "unexpected character");
      }
    } while (depth > 0);
  }
  const std::string& text() const { return t_; }

 private:
  template <class P>
  char32_t hex4(std::size_t& p, const P& path) const {
    if (p + 4 > t_.size()) fail(p, path, "bad \\u escape");
    char32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = t_[p++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<char32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<char32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<char32_t>(c - 'A' + 10);
      else fail(p - 1, path, "bad \\u escape");
    }
    return v;
  }
  const std::string& t_;
  const std::string& origin_;
};

struct SpanRef { std::size_t begin = 0, end = 0; bool found = false; };

Vocab parse_vocab_object(const Scanner& s, std::size_t p, const std::string& path) {
  Vocab vocab;
  vocab.reserve(1 << 16);
  // Every entry takes at least 6 bytes ("a":1,), so a dense vocabulary's ids stay far below size / 2.
  const std::int64_t max_id =
      std::min<std::int64_t>(kMaxTokenId, std::max<std::int64_t>(1 << 16, static_cast<std::int64_t>(s.text().size() / 2)));
  s.expect(p, '{', path);
  s.ws(p);
  if (p < s.text().size() && s.text()[p] == '}') return vocab;
  std::string key;
  while (true) {
    s.string(p, key, path);
    auto key_path = [&] { return json_path_join(path, key); };
    s.expect(p, ':', key_path);
    const std::int64_t id = s.integer(p, key_path);
    if (id < 0) s.fail(p, key_path, "expected a non-negative integer id");
    if (id > max_id)  // found by fuzz_tokenizer_json: one huge id made the dense id table allocate 100 GB
      s.fail(p, key_path, "token id " + std::to_string(id) + " is beyond " + std::to_string(max_id) +
                              ", the most a vocabulary of this file's size can densely use (ids are capped at " +
                              std::to_string(kMaxTokenId) + ")");
    vocab.add(key, static_cast<std::uint32_t>(id));
    s.ws(p);
    if (p < s.text().size() && s.text()[p] == ',') { ++p; continue; }
    s.expect(p, '}', path);
    return vocab;
  }
}

std::vector<std::pair<std::string, std::string>> parse_merges(const Scanner& s, std::size_t p, const std::string& path) {
  std::vector<std::pair<std::string, std::string>> merges;
  s.expect(p, '[', path);
  s.ws(p);
  if (p < s.text().size() && s.text()[p] == ']') return merges;
  std::string a, b;
  while (true) {
    const std::size_t index = merges.size();
    auto item_path = [&] { return json_path_join(path, index); };
    s.ws(p);
    if (p < s.text().size() && s.text()[p] == '[') {
      ++p;
      s.string(p, a, item_path);
      s.expect(p, ',', item_path);
      s.string(p, b, item_path);
      s.expect(p, ']', item_path);
      merges.emplace_back(a, b);
    } else {
      const std::size_t at = p;
      s.string(p, a, item_path);
      const std::size_t sp = a.find(' ');
      if (sp == std::string::npos || a.find(' ', sp + 1) != std::string::npos)
        s.fail(at, item_path, "expected \"<left> <right>\"");
      merges.emplace_back(a.substr(0, sp), a.substr(sp + 1));
    }
    s.ws(p);
    if (p < s.text().size() && s.text()[p] == ',') { ++p; continue; }
    s.expect(p, ']', path);
    return merges;
  }
}

}  // namespace

TokenizerJson read_tokenizer_json(const std::string& text, const std::string& origin) {
  Scanner s(text, origin);
  SpanRef vocab, merges;
  // Locate /model/vocab and /model/merges without building a DOM.
  std::size_t p = 0;
  s.ws(p);
  if (p < text.size() && text[p] == '{') {
    ++p;
    std::string key;
    s.ws(p);
    while (p < text.size() && text[p] != '}') {
      s.string(p, key, "");
      s.expect(p, ':', "/" + key);
      s.ws(p);
      if (key == "model" && p < text.size() && text[p] == '{') {
        ++p;
        std::string mkey;
        s.ws(p);
        while (p < text.size() && text[p] != '}') {
          s.string(p, mkey, "/model");
          s.expect(p, ':', "/model/" + mkey);
          s.ws(p);
          SpanRef* target = mkey == "vocab" ? &vocab : mkey == "merges" ? &merges : nullptr;
          const std::size_t b = p;
          s.skip_value(p, "/model/" + mkey);
          if (target) *target = {b, p, true};
          s.ws(p);
          if (p < text.size() && text[p] == ',') { ++p; s.ws(p); }
        }
        if (p < text.size()) ++p;
      } else {
        s.skip_value(p, "/" + key);
      }
      s.ws(p);
      if (p < text.size() && text[p] == ',') { ++p; s.ws(p); }
    }
  }
  TokenizerJson out;
  const bool vocab_is_object = vocab.found && text[vocab.begin] == '{';
  const bool merges_is_array = merges.found && text[merges.begin] == '[';
  if (vocab_is_object) out.vocab = parse_vocab_object(s, vocab.begin, "/model/vocab");
  if (merges_is_array) out.merges = parse_merges(s, merges.begin, "/model/merges");
  // Hand the rest to nlohmann with the pre-parsed values blanked to null (newlines kept so that
  // line numbers in its error messages still match the file).
  std::string rest;
  rest.reserve(text.size());
  std::size_t copied = 0;
  auto blank = [&](const SpanRef& r) {
    rest.append(text, copied, r.begin - copied);
    rest += "null";
    for (std::size_t i = r.begin; i < r.end; ++i) if (text[i] == '\n') rest.push_back('\n');
    copied = r.end;
  };
  std::vector<SpanRef> spans;
  if (vocab_is_object) spans.push_back(vocab);
  if (merges_is_array) spans.push_back(merges);
  if (spans.size() == 2 && spans[1].begin < spans[0].begin) std::swap(spans[0], spans[1]);
  for (const SpanRef& r : spans) blank(r);
  rest.append(text, copied, std::string::npos);
  out.doc = parse_json(rest, origin);
  return out;
}

}  // namespace autoclass::tok
