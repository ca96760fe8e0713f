#include "runtime/tokenizer/vocab_file_pipelines.h"

#include <sstream>

#include "runtime/tokenizer/decoders/decoders.h"
#include "runtime/tokenizer/json_util.h"
#include "runtime/tokenizer/models/models.h"
#include "runtime/tokenizer/normalizers/normalizers.h"
#include "runtime/tokenizer/post_processors/post_processors.h"
#include "runtime/tokenizer/pre_tokenizers/pre_tokenizers.h"

namespace autoclass::tok {

namespace {
std::string special_or(const TokenizerConfig& cfg, const char* name, const char* def) {
  auto s = cfg.special(name);
  return s ? *s : def;
}

Vocab read_vocab_json(const std::filesystem::path& path) {
  const Json doc = parse_json_file(path);
  const JsonAt root{doc, "", path.string()};
  Vocab vocab;
  vocab.reserve(root.object().size());
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const JsonAt v{it.value(), json_path_join("", it.key()), path.string()};
    const std::int64_t id = v.integer();
    if (id < 0) v.fail("negative id");
    vocab.add(it.key(), static_cast<std::uint32_t>(id));
  }
  return vocab;
}

void add_specials_from_vocab(Pipeline& p, const TokenizerConfig& cfg) {
  // Named special tokens become special added tokens (transformers adds them as such).
  for (const auto& [name, content] : cfg.special_tokens) {
    if (auto id = p.model->token_to_id(content)) {
      AddedToken t;
      t.content = content;
      t.id = *id;
      t.special = true;
      p.added.add(t);
    }
  }
}
}  // namespace

Pipeline wordpiece_pipeline(const std::filesystem::path& vocab_txt, const TokenizerConfig& cfg) {
  std::istringstream in(read_text_file(vocab_txt));
  Vocab vocab;
  std::string line;
  std::uint32_t id = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    vocab.add(line, id++);
  }
  const std::string unk = special_or(cfg, "unk_token", "[UNK]");
  const std::string cls = special_or(cfg, "cls_token", "[CLS]");
  const std::string sep = special_or(cfg, "sep_token", "[SEP]");
  const auto cls_id = vocab.find(cls), sep_id = vocab.find(sep);
  if (!cls_id || !sep_id)
    throw Error(ErrorKind::kParse, vocab_txt.string() + ": the vocabulary lacks " + cls + " or " + sep);
  Pipeline p;
  const bool lower = cfg.do_lower_case.value_or(true);
  p.normalizer = std::make_unique<BertNormalizer>(true, cfg.tokenize_chinese_chars.value_or(true),
                                                  cfg.strip_accents.value_or(lower), lower);
  p.pre_tokenizer = std::make_unique<BertPreTokenizer>();
  p.model = std::make_unique<WordPieceModel>(std::move(vocab), unk, "##", 100, vocab_txt.string());
  using Item = TemplateProcessing::Item;
  std::map<std::string, TemplateProcessing::Special> specials{
      {cls, {{static_cast<std::int64_t>(*cls_id)}, {cls}}}, {sep, {{static_cast<std::int64_t>(*sep_id)}, {sep}}}};
  p.post_processor = std::make_unique<TemplateProcessing>(
      std::vector<Item>{{false, 0, cls, 0}, {true, 0, "", 0}, {false, 0, sep, 0}},
      std::vector<Item>{{false, 0, cls, 0}, {true, 0, "", 0}, {false, 0, sep, 0}, {true, 1, "", 1}, {false, 0, sep, 1}},
      std::move(specials));
  p.decoder = std::make_unique<WordPieceDecoder>("##", true);
  add_specials_from_vocab(p, cfg);
  return p;
}

Pipeline byte_level_bpe_pipeline(const std::filesystem::path& vocab_json, const std::filesystem::path& merges_txt,
                                 const TokenizerConfig& cfg) {
  Vocab vocab = read_vocab_json(vocab_json);
  std::istringstream in(read_text_file(merges_txt));
  std::vector<std::pair<std::string, std::string>> merges;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || (line_no == 1 && line.rfind("#version", 0) == 0)) continue;
    const std::size_t sp = line.find(' ');
    if (sp == std::string::npos)
      throw Error(ErrorKind::kParse, merges_txt.string() + ":" + std::to_string(line_no) + ": expected \"<left> <right>\"");
    merges.emplace_back(line.substr(0, sp), line.substr(sp + 1));
  }
  Pipeline p;
  p.pre_tokenizer = std::make_unique<ByteLevelPreTokenizer>(cfg.add_prefix_space.value_or(false), true);
  p.model = std::make_unique<BpeModel>(std::move(vocab), merges, BpeOptions{}, merges_txt.string());
  const std::string cls = cfg.base_class();
  if (cls == "RobertaTokenizer" || cls == "BartTokenizer" || cls == "LongformerTokenizer") {
    const std::string bos = special_or(cfg, "cls_token", "<s>"), eos = special_or(cfg, "sep_token", "</s>");
    const auto bos_id = p.model->token_to_id(bos), eos_id = p.model->token_to_id(eos);
    if (!bos_id || !eos_id) throw Error(ErrorKind::kParse, vocab_json.string() + ": the vocabulary lacks " + bos + " or " + eos);
    p.post_processor = std::make_unique<ClsSepProcessing>(bos, *bos_id, eos, *eos_id, true);
  } else {
    p.post_processor = std::make_unique<ByteLevelProcessing>();
  }
  p.decoder = std::make_unique<ByteLevelDecoder>();
  add_specials_from_vocab(p, cfg);
  return p;
}

Pipeline ctc_char_pipeline(const std::filesystem::path& vocab_json, const TokenizerConfig& cfg) {
  Pipeline p;
  const std::string delimiter = cfg.word_delimiter_token;
  // Wav2Vec2CTCTokenizer._tokenize: spaces become the word delimiter, then one token per char.
  p.normalizer = std::make_unique<ReplaceNormalizer>(" ", false, delimiter, vocab_json.string());
  p.pre_tokenizer = std::make_unique<SplitPreTokenizer>("(?s).", true, SplitBehavior::kIsolated, false, "CTC char split");
  p.model = std::make_unique<WordLevelModel>(read_vocab_json(vocab_json), special_or(cfg, "unk_token", "<unk>"));
  std::vector<std::unique_ptr<Decoder>> decoders;
  decoders.push_back(std::make_unique<CtcDecoder>(special_or(cfg, "pad_token", "<pad>"), delimiter, true));
  decoders.push_back(std::make_unique<FuseDecoder>());
  // convert_tokens_to_string ends with str.strip(): drop the spaces left at either end.
  decoders.push_back(std::make_unique<StripDecoder>(" ", SIZE_MAX / 2, SIZE_MAX / 2));
  p.decoder = std::make_unique<SequenceDecoder>(std::move(decoders));
  add_specials_from_vocab(p, cfg);
  return p;
}

}  // namespace autoclass::tok
