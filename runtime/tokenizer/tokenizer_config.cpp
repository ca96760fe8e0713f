#include "runtime/tokenizer/tokenizer_config.h"

#include <cmath>

#include "runtime/tokenizer/json_util.h"

namespace autoclass::tok {

namespace {
const char* const kSpecialNames[] = {"bos_token", "eos_token", "unk_token", "sep_token",
                                     "pad_token", "cls_token", "mask_token"};

// A special token is a string or an AddedToken dict {"content": ...}.
std::optional<std::string> token_content(const JsonAt& j) {
  if (j.value.is_null()) return std::nullopt;
  if (j.value.is_string()) return j.value.get<std::string>();
  if (j.value.is_object()) return j.at("content").str();
  j.fail("expected a token string or {\"content\": ...}");
}

void read_special_tokens(const JsonAt& root, TokenizerConfig& cfg, bool overwrite) {
  for (const char* name : kSpecialNames) {
    if (!root.value.contains(name)) continue;
    if (!overwrite && cfg.special_tokens.count(name)) continue;
    auto content = token_content(root.at(name));
    if (content) {
      cfg.special_tokens[name] = *content;
      cfg.explicitly_unset.erase(name);
    } else if (overwrite) {
      cfg.special_tokens.erase(name);
      cfg.explicitly_unset.insert(name);
    }
  }
  if (root.has("additional_special_tokens") && (overwrite || cfg.additional_special_tokens.empty())) {
    const JsonAt list = root.at("additional_special_tokens");
    cfg.additional_special_tokens.clear();
    for (std::size_t i = 0; i < list.array().size(); ++i)
      if (auto c = token_content(list.at(i))) cfg.additional_special_tokens.push_back(*c);
  }
}

std::optional<bool> opt_bool(const JsonAt& root, const char* key) {
  if (!root.has(key)) return std::nullopt;
  return root.at(key).boolean();
}
}  // namespace

std::string TokenizerConfig::base_class() const {
  std::string c = tokenizer_class;
  if (c.size() > 4 && c.compare(c.size() - 4, 4, "Fast") == 0) c.resize(c.size() - 4);
  return c;
}

void TokenizerConfig::apply_class_defaults() {
  using Defaults = std::vector<std::pair<const char*, const char*>>;
  const std::string cls = base_class();
  Defaults d;
  if (cls == "GPT2Tokenizer" || cls == "WhisperTokenizer" || cls == "CodeGenTokenizer" || cls == "GPTNeoXTokenizer")
    d = {{"unk_token", "<|endoftext|>"}, {"bos_token", "<|endoftext|>"}, {"eos_token", "<|endoftext|>"}};
  else if (cls == "BertTokenizer" || cls == "DistilBertTokenizer" || cls == "ElectraTokenizer")
    d = {{"unk_token", "[UNK]"}, {"sep_token", "[SEP]"}, {"pad_token", "[PAD]"}, {"cls_token", "[CLS]"}, {"mask_token", "[MASK]"}};
  else if (cls == "RobertaTokenizer" || cls == "BartTokenizer" || cls == "XLMRobertaTokenizer" || cls == "LongformerTokenizer")
    d = {{"bos_token", "<s>"}, {"eos_token", "</s>"}, {"sep_token", "</s>"}, {"cls_token", "<s>"},
         {"unk_token", "<unk>"}, {"pad_token", "<pad>"}, {"mask_token", "<mask>"}};
  else if (cls == "LlamaTokenizer" || cls == "CodeLlamaTokenizer")
    d = {{"unk_token", "<unk>"}, {"bos_token", "<s>"}, {"eos_token", "</s>"}};
  else if (cls == "GemmaTokenizer")
    d = {{"unk_token", "<unk>"}, {"bos_token", "<bos>"}, {"eos_token", "<eos>"}, {"pad_token", "<pad>"}};
  else if (cls == "T5Tokenizer")
    d = {{"eos_token", "</s>"}, {"unk_token", "<unk>"}, {"pad_token", "<pad>"}};
  else if (cls == "Wav2Vec2CTCTokenizer")
    d = {{"bos_token", "<s>"}, {"eos_token", "</s>"}, {"unk_token", "<unk>"}, {"pad_token", "<pad>"}};
  for (const auto& [name, value] : d)
    if (!special_tokens.count(name) && !explicitly_unset.count(name)) special_tokens[name] = value;
}

std::optional<std::string> TokenizerConfig::special(const std::string& name) const {
  auto it = special_tokens.find(name);
  if (it == special_tokens.end()) return std::nullopt;
  return it->second;
}

TokenizerConfig read_tokenizer_config(const std::filesystem::path& dir) {
  TokenizerConfig cfg;
  cfg.raw = Json::object();
  const auto config_path = dir / "tokenizer_config.json";
  if (std::filesystem::exists(config_path)) {
    cfg.raw = parse_json_file(config_path);
    const JsonAt root{cfg.raw, "", config_path.string()};
    root.object();
    cfg.tokenizer_class = root.str_or("tokenizer_class", "");
    read_special_tokens(root, cfg, true);
    cfg.add_bos_token = opt_bool(root, "add_bos_token");
    cfg.add_eos_token = opt_bool(root, "add_eos_token");
    cfg.add_prefix_space = opt_bool(root, "add_prefix_space");
    cfg.do_lower_case = opt_bool(root, "do_lower_case");
    cfg.strip_accents = opt_bool(root, "strip_accents");
    cfg.tokenize_chinese_chars = opt_bool(root, "tokenize_chinese_chars");
    if (root.has("model_max_length")) {
      const double m = root.at("model_max_length").number();
      if (m > 0 && m < 1e18) cfg.model_max_length = static_cast<std::size_t>(std::llround(m));
    }
    cfg.padding_side = root.str_or("padding_side", "right");
    if (cfg.padding_side != "left" && cfg.padding_side != "right") root.at("padding_side").fail("expected \"left\" or \"right\"");
    cfg.truncation_side = root.str_or("truncation_side", "right");
    cfg.clean_up_tokenization_spaces = root.bool_or("clean_up_tokenization_spaces", true);
    cfg.word_delimiter_token = root.str_or("word_delimiter_token", "|");
    if (root.has("added_tokens_decoder")) {
      const JsonAt dec = root.at("added_tokens_decoder");
      for (auto it = dec.object().begin(); it != dec.object().end(); ++it) {
        const JsonAt e{it.value(), json_path_join(dec.path, it.key()), dec.file};
        AddedToken t;
        unsigned long id = 0;
        try {
          id = std::stoul(it.key());
        } catch (const std::exception&) {
          e.fail("key is not a token id");
        }
        // Checked before narrowing: "4294967296" would otherwise wrap to id 0.
        if (id > static_cast<unsigned long>(kMaxTokenId)) e.fail(token_id_range_error());
        t.id = static_cast<std::uint32_t>(id);
        t.content = e.at("content").str();
        t.special = e.bool_or("special", false);
        t.lstrip = e.bool_or("lstrip", false);
        t.rstrip = e.bool_or("rstrip", false);
        t.normalized = e.bool_or("normalized", !t.special);
        t.single_word = e.bool_or("single_word", false);
        cfg.added_tokens_decoder.push_back(t);
      }
    }
  }
  const auto map_path = dir / "special_tokens_map.json";
  if (std::filesystem::exists(map_path)) {
    const Json map = parse_json_file(map_path);
    read_special_tokens(JsonAt{map, "", map_path.string()}, cfg, false);
  }
  const auto added_path = dir / "added_tokens.json";
  if (std::filesystem::exists(added_path)) {
    const Json added = parse_json_file(added_path);
    const JsonAt root{added, "", added_path.string()};
    for (auto it = root.object().begin(); it != root.object().end(); ++it)
      cfg.added_tokens_file.emplace_back(it.key(), JsonAt{it.value(), json_path_join("", it.key()), added_path.string()}.token_id());
  }
  return cfg;
}

}  // namespace autoclass::tok
