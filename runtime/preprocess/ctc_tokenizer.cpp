#include "runtime/preprocess/ctc_tokenizer.h"

#include <algorithm>
#include <cctype>

#include "runtime/core/error.h"
#include "runtime/core/json_io.h"

namespace autoclass {
namespace fs = std::filesystem;
namespace {

// Special tokens may be plain strings or AddedToken objects ({"content": ...}).
void read_token(const Json& json, const char* key, std::string& out) {
  auto it = json.find(key);
  if (it == json.end() || it->is_null()) return;
  if (it->is_string()) out = it->get<std::string>();
  else if (it->is_object() && it->contains("content") && (*it)["content"].is_string()) out = (*it)["content"].get<std::string>();
}

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;  // invalid byte: one "character"
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

// PreTrainedTokenizerBase.clean_up_tokenization.
std::string clean_up_tokenization(std::string s) {
  replace_all(s, " .", ".");
  replace_all(s, " ?", "?");
  replace_all(s, " !", "!");
  replace_all(s, " ,", ",");
  replace_all(s, " ' ", "'");
  replace_all(s, " n't", "n't");
  replace_all(s, " 'm", "'m");
  replace_all(s, " 's", "'s");
  replace_all(s, " 've", "'ve");
  replace_all(s, " 're", "'re");
  return s;
}

std::string strip(const std::string& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

}  // namespace

Wav2Vec2CTCTokenizer Wav2Vec2CTCTokenizer::from_pretrained(const fs::path& dir) {
  const fs::path vocab_file = dir / "vocab.json";
  const Json vocab = parse_json_file(vocab_file);
  if (!vocab.is_object() || vocab.empty())
    throw Error(ErrorKind::kParse, vocab_file.string() + ": expected an object of token -> id");
  Wav2Vec2CTCTokenizer tok;
  for (const auto& [token, id] : vocab.items()) {
    if (!id.is_number_integer()) throw Error(ErrorKind::kParse, vocab_file.string() + ": " + json_path_join("", token) + ": expected an integer id");
    tok.token_to_id_[token] = id.get<std::int64_t>();
    tok.id_to_token_[id.get<std::int64_t>()] = token;
  }
  std::error_code ec;
  for (const char* name : {"special_tokens_map.json", "tokenizer_config.json"}) {
    const fs::path file = dir / name;
    if (!fs::exists(file, ec)) continue;
    const Json json = parse_json_file(file);
    if (!json.is_object()) throw Error(ErrorKind::kParse, file.string() + ": expected a JSON object");
    read_token(json, "pad_token", tok.pad_token_);
    read_token(json, "unk_token", tok.unk_token_);
    read_token(json, "bos_token", tok.bos_token_);
    read_token(json, "eos_token", tok.eos_token_);
    read_token(json, "word_delimiter_token", tok.word_delimiter_token_);
    read_token(json, "replace_word_delimiter_char", tok.replace_word_delimiter_char_);
    if (json.contains("do_lower_case") && json["do_lower_case"].is_boolean()) tok.do_lower_case_ = json["do_lower_case"].get<bool>();
    if (json.contains("clean_up_tokenization_spaces") && json["clean_up_tokenization_spaces"].is_boolean())
      tok.clean_up_tokenization_spaces_ = json["clean_up_tokenization_spaces"].get<bool>();
  }
  if (!tok.token_to_id_.count(tok.pad_token_))
    throw Error(ErrorKind::kParse, vocab_file.string() + ": the pad (CTC blank) token '" + tok.pad_token_ + "' is not in the vocabulary");
  return tok;
}

std::int64_t Wav2Vec2CTCTokenizer::id_of(const std::string& token) const {
  auto it = token_to_id_.find(token);
  if (it != token_to_id_.end()) return it->second;
  auto unk = token_to_id_.find(unk_token_);
  if (unk == token_to_id_.end()) throw Error(ErrorKind::kInvalidArgument, "Wav2Vec2CTCTokenizer: '" + token + "' is not in the vocabulary and there is no unk token");
  return unk->second;
}

std::vector<std::int64_t> Wav2Vec2CTCTokenizer::encode(const std::string& text_in) const {
  std::string text = text_in;
  if (do_lower_case_) std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  const std::vector<std::string> specials = {pad_token_, unk_token_, bos_token_, eos_token_};
  std::vector<std::int64_t> ids;
  std::size_t i = 0;
  while (i < text.size()) {
    bool matched = false;
    for (const std::string& s : specials) {  // added tokens (lstrip/rstrip: surrounding spaces are eaten)
      if (s.empty() || text.compare(i, s.size(), s) != 0) continue;
      while (!ids.empty() && ids.back() == id_of(word_delimiter_token_) && i > 0 && text[i - 1] == ' ') ids.pop_back();
      ids.push_back(id_of(s));
      i += s.size();
      while (i < text.size() && text[i] == ' ') ++i;
      matched = true;
      break;
    }
    if (matched) continue;
    const std::size_t len = std::min(utf8_length(static_cast<unsigned char>(text[i])), text.size() - i);
    const std::string ch = text.substr(i, len);
    ids.push_back(id_of(ch == " " ? word_delimiter_token_ : ch));
    i += len;
  }
  return ids;
}

std::string Wav2Vec2CTCTokenizer::decode(const std::vector<std::int64_t>& ids, bool skip_special_tokens) const {
  std::vector<std::string> tokens;
  for (std::int64_t id : ids) {
    auto it = id_to_token_.find(id);
    const std::string token = it == id_to_token_.end() ? unk_token_ : it->second;
    // HF removes special tokens before grouping, so a blank between two equal letters vanishes first.
    if (skip_special_tokens &&
        (token == pad_token_ || token == unk_token_ || token == bos_token_ || token == eos_token_))
      continue;
    tokens.push_back(token);
  }
  std::string text;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0 && tokens[i] == tokens[i - 1]) continue;  // merge repeats
    if (tokens[i] == pad_token_) continue;               // CTC blank
    text += tokens[i] == word_delimiter_token_ ? replace_word_delimiter_char_ : tokens[i];
  }
  text = strip(text);
  if (do_lower_case_) std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return clean_up_tokenization_spaces_ ? clean_up_tokenization(text) : text;
}

}  // namespace autoclass
