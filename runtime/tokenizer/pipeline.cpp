#include "runtime/tokenizer/pipeline.h"

#include <algorithm>

#include "runtime/core/error.h"
#include "runtime/tokenizer/decoders/decoders.h"
#include "runtime/tokenizer/json_util.h"
#include "runtime/tokenizer/tokenizer_json_reader.h"
#include "runtime/tokenizer/models/models.h"
#include "runtime/tokenizer/normalizers/normalizers.h"
#include "runtime/tokenizer/post_processors/post_processors.h"
#include "runtime/tokenizer/pre_tokenizers/pre_tokenizers.h"

namespace autoclass::tok {

namespace {
Pipeline build(const Json& doc, const std::string& origin, std::optional<Vocab> vocab,
               std::optional<std::vector<std::pair<std::string, std::string>>> merges) {
  const JsonAt root{doc, "", origin};
  root.object();
  Pipeline p;
  p.model = make_model(root.at("model"), std::move(vocab), std::move(merges));
  if (root.has("normalizer")) p.normalizer = make_normalizer(root.at("normalizer"));
  if (root.has("pre_tokenizer")) p.pre_tokenizer = make_pre_tokenizer(root.at("pre_tokenizer"));
  if (root.has("post_processor")) p.post_processor = make_post_processor(root.at("post_processor"));
  if (root.has("decoder")) p.decoder = make_decoder(root.at("decoder"));
  if (root.has("added_tokens")) {
    const JsonAt list = root.at("added_tokens");
    for (std::size_t i = 0; i < list.array().size(); ++i) {
      const JsonAt e = list.at(i);
      AddedToken t;
      t.content = e.at("content").str();
      t.id = e.at("id").token_id();
      t.special = e.bool_or("special", false);
      t.lstrip = e.bool_or("lstrip", false);
      t.rstrip = e.bool_or("rstrip", false);
      t.normalized = e.bool_or("normalized", !t.special);
      t.single_word = e.bool_or("single_word", false);
      p.added.add(t);
    }
  }
  return p;
}
}  // namespace

Pipeline Pipeline::from_json(const Json& doc, const std::string& origin) {
  return build(doc, origin, std::nullopt, std::nullopt);
}

Pipeline Pipeline::from_file(const std::filesystem::path& path) {
  return from_text(read_text_file(path, kMaxTokenizerJsonBytes), path.string());
}

Pipeline Pipeline::from_text(const std::string& text, const std::string& origin) {
  TokenizerJson parsed = read_tokenizer_json(text, origin);
  return build(parsed.doc, origin, std::move(parsed.vocab), std::move(parsed.merges));
}

namespace {
void check_input(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    throw Error(ErrorKind::kLimit, "tokenizer input of " + std::to_string(text.size()) + " bytes is over the limit of " +
                                       std::to_string(max_bytes) +
                                       " bytes for one text; split it into chunks (or raise the limit: TokenizerOptions::max_input_bytes)");
  const std::size_t bad = utf8_first_invalid(text);
  if (bad == std::string_view::npos) return;
  throw Error(ErrorKind::kInvalidArgument,
              "tokenizer input is not valid UTF-8 (first bad byte at offset " + std::to_string(bad) +
                  "); HF tokenizers only accept Unicode strings - decode or repair the text first");
}
}  // namespace

Encoding Pipeline::encode_sequence(std::string_view text, std::int64_t type_id, int sequence_id) const {
  check_input(text, max_input_bytes);
  return encode_checked_sequence(text, type_id, sequence_id);
}

Encoding Pipeline::encode_checked_sequence(std::string_view text, std::int64_t type_id, int sequence_id) const {
  struct Part { AlignedString text; std::int64_t added_id = -1; Offsets offsets{}; };
  std::vector<Part> parts;
  std::vector<AddedVocabulary::Match> matches;
  // 1. Added tokens that match on the raw input.
  added.find_matches(text, false, matches);
  std::size_t prev = 0;
  for (const auto& m : matches) {
    if (m.begin > prev) parts.push_back({AlignedString(std::string(text.substr(prev, m.begin - prev)), prev)});
    parts.push_back({AlignedString(), static_cast<std::int64_t>(m.id), {m.begin, m.end}});
    prev = m.end;
  }
  if (prev < text.size() || parts.empty()) parts.push_back({AlignedString(std::string(text.substr(prev)), prev)});

  // 2. Normalize the text parts, then split them at added tokens matched on normalized text.
  std::vector<Part> parts2;
  for (Part& part : parts) {
    if (part.added_id >= 0) { parts2.push_back(std::move(part)); continue; }
    if (normalizer) normalizer->normalize(part.text);
    matches.clear();
    added.find_matches(part.text.text(), true, matches);
    std::size_t p = 0;
    for (const auto& m : matches) {
      if (m.begin > p) parts2.push_back({part.text.slice(p, m.begin)});
      parts2.push_back({AlignedString(), static_cast<std::int64_t>(m.id), part.text.original(m.begin, m.end)});
      p = m.end;
    }
    if (p == 0) parts2.push_back(std::move(part));
    else if (p < part.text.size()) parts2.push_back({part.text.slice(p, part.text.size())});
  }

  // 3. Pre-tokenize and run the model on each text part.
  std::vector<Token> tokens;
  std::vector<AlignedString> pieces;
  for (Part& part : parts2) {
    if (part.added_id >= 0) {
      tokens.push_back({static_cast<std::uint32_t>(part.added_id), part.offsets});
      continue;
    }
    if (part.text.empty()) continue;
    pieces.clear();
    pieces.push_back(std::move(part.text));
    if (pre_tokenizer) pre_tokenizer->pre_tokenize(pieces);
    for (const AlignedString& piece : pieces) model->tokenize(piece, tokens);
  }

  Encoding e;
  const std::size_t n = tokens.size();
  e.ids.reserve(n);
  e.tokens.reserve(n);
  e.offsets.reserve(n);
  for (const Token& t : tokens) {
    e.ids.push_back(t.id);
    const AddedToken* a = added.find_id(t.id);
    const std::string* s = a ? &a->content : model->id_to_token(t.id);
    e.tokens.push_back(s ? *s : std::string());
    e.offsets.push_back(t.offsets);
  }
  e.type_ids.assign(n, type_id);
  e.attention_mask.assign(n, 1);
  e.special_tokens_mask.assign(n, 0);
  e.sequence_ids.assign(n, sequence_id);
  return e;
}

Encoding Pipeline::post_process(Encoding first, std::optional<Encoding> second, bool add_special_tokens) const {
  std::vector<Encoding> encs;
  encs.push_back(std::move(first));
  if (second) encs.push_back(std::move(*second));
  if (post_processor) post_processor->process(encs, add_special_tokens);
  Encoding out = std::move(encs[0]);
  for (std::size_t i = 1; i < encs.size(); ++i) out.append(std::move(encs[i]));
  return out;
}

Encoding Pipeline::encode(std::string_view text, const std::optional<std::string_view>& pair, bool add_special_tokens) const {
  check_input(text, max_input_bytes);  // both are checked before either is encoded
  if (pair) check_input(*pair, max_input_bytes);
  Encoding a = encode_checked_sequence(text, 0, 0);
  std::optional<Encoding> b;
  if (pair) b = encode_checked_sequence(*pair, 1, 1);
  return post_process(std::move(a), std::move(b), add_special_tokens);
}

std::string Pipeline::decode(const std::vector<std::int64_t>& ids, bool skip_special_tokens) const {
  std::vector<std::string> tokens;
  tokens.reserve(ids.size());
  for (std::int64_t id64 : ids) {
    if (id64 < 0 || id64 > 0xFFFFFFFFll) continue;
    const auto id = static_cast<std::uint32_t>(id64);
    if (const AddedToken* a = added.find_id(id)) {
      if (skip_special_tokens && a->special) continue;
      tokens.push_back(a->content);
    } else if (const std::string* s = model->id_to_token(id)) {
      tokens.push_back(*s);
    }
  }
  if (!decoder) {
    std::string out;
    for (std::size_t i = 0; i < tokens.size(); ++i) { if (i) out.push_back(' '); out += tokens[i]; }
    return out;
  }
  decoder->decode_chain(tokens);
  std::string out;
  for (const std::string& t : tokens) out += t;
  return out;
}

std::optional<std::uint32_t> Pipeline::token_to_id(std::string_view token) const {
  if (const AddedToken* a = added.find(token)) return a->id;
  return model->token_to_id(token);
}

std::optional<std::string> Pipeline::id_to_token(std::uint32_t id) const {
  if (const AddedToken* a = added.find_id(id)) return a->content;
  if (const std::string* s = model->id_to_token(id)) return *s;
  return std::nullopt;
}

std::size_t Pipeline::vocab_size(bool with_added_tokens) const {
  std::size_t n = model->vocab_size();
  if (!with_added_tokens) return n;
  for (const AddedToken& t : added.tokens()) if (!model->id_to_token(t.id) || *model->id_to_token(t.id) != t.content) ++n;
  return n;
}

}  // namespace autoclass::tok
