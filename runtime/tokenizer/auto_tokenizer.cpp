#include "runtime/tokenizer/auto_tokenizer.h"

#include <algorithm>
#include <thread>

#include "runtime/core/error.h"
#include "runtime/tokenizer/pipeline.h"
#include "runtime/tokenizer/post_processors/post_processors.h"
#include "runtime/tokenizer/tokenizer_config.h"
#include "runtime/tokenizer/vocab_file_pipelines.h"

namespace autoclass {

namespace fs = std::filesystem;
using tok::AddedToken;
using tok::Pipeline;
using tok::TokenizerConfig;

struct AutoTokenizer::Impl {
  Pipeline pipeline;
  TokenizerConfig config;
  std::string tokenizer_class;

  std::optional<std::int64_t> id_of(const std::optional<std::string>& token) const {
    if (!token) return std::nullopt;
    auto id = pipeline.token_to_id(*token);
    if (!id) return std::nullopt;
    return static_cast<std::int64_t>(*id);
  }
};

namespace {

Pipeline load_pipeline(const fs::path& dir, const TokenizerConfig& cfg, const std::string& cls) {
  if (fs::exists(dir / "tokenizer.json")) return Pipeline::from_file(dir / "tokenizer.json");
  const std::string base = cls.size() > 4 && cls.compare(cls.size() - 4, 4, "Fast") == 0 ? cls.substr(0, cls.size() - 4) : cls;
  if (base == "Wav2Vec2CTCTokenizer" && fs::exists(dir / "vocab.json")) return tok::ctc_char_pipeline(dir / "vocab.json", cfg);
  if (fs::exists(dir / "vocab.txt")) return tok::wordpiece_pipeline(dir / "vocab.txt", cfg);
  if (fs::exists(dir / "vocab.json") && fs::exists(dir / "merges.txt"))
    return tok::byte_level_bpe_pipeline(dir / "vocab.json", dir / "merges.txt", cfg);
  throw Error(ErrorKind::kNotFound,
              dir.string() + ": no tokenizer found (looked for tokenizer.json, vocab.txt, vocab.json + merges.txt" +
                  (base.empty() ? std::string(")") : ") for tokenizer class " + cls));
}

// transformers re-adds added_tokens_decoder / added_tokens.json entries and registers every named
// special token as a special added token (appending it to the vocabulary if it is new).
void apply_config_tokens(Pipeline& p, const TokenizerConfig& cfg) {
  for (const AddedToken& t : cfg.added_tokens_decoder) {
    if (const AddedToken* existing = p.added.find(t.content)) {
      if (existing->id == t.id) continue;  // tokenizer.json already has it (its flags win)
    }
    p.added.add(t);
  }
  for (const auto& [content, id] : cfg.added_tokens_file) {
    if (p.added.find(content)) continue;
    AddedToken t;
    t.content = content;
    t.id = id;
    t.normalized = true;
    p.added.add(t);
  }
  std::vector<std::string> named;
  for (const auto& [name, content] : cfg.special_tokens) named.push_back(content);
  named.insert(named.end(), cfg.additional_special_tokens.begin(), cfg.additional_special_tokens.end());
  for (const std::string& content : named) {
    if (p.added.find(content)) { p.added.set_special(content, true); continue; }
    AddedToken t;
    t.content = content;
    t.special = true;
    t.normalized = false;
    if (auto id = p.model->token_to_id(content)) {
      t.id = *id;
    } else {
      t.id = static_cast<std::uint32_t>(p.vocab_size(true));
    }
    p.added.add(t);
  }
}

// LlamaTokenizerFast / GemmaTokenizerFast.update_post_processor(): "<bos>:0 $A:0 <eos>:0" by flags.
void rebuild_bos_eos_template(Pipeline& p, const TokenizerConfig& cfg, const std::string& origin) {
  const bool add_bos = cfg.add_bos_token.value_or(true), add_eos = cfg.add_eos_token.value_or(false);
  const auto bos = cfg.special("bos_token"), eos = cfg.special("eos_token");
  if (add_bos && !bos) throw Error(ErrorKind::kParse, origin + ": add_bos_token is true but bos_token is not set");
  if (add_eos && !eos) throw Error(ErrorKind::kParse, origin + ": add_eos_token is true but eos_token is not set");
  using Item = tok::TemplateProcessing::Item;
  std::map<std::string, tok::TemplateProcessing::Special> specials;
  auto special = [&](const std::string& t) {
    auto id = p.token_to_id(t);
    if (!id) throw Error(ErrorKind::kParse, origin + ": special token \"" + t + "\" is not in the vocabulary");
    specials[t] = {{static_cast<std::int64_t>(*id)}, {t}};
  };
  std::vector<Item> single, pair;
  if (add_bos) { special(*bos); single.push_back({false, 0, *bos, 0}); }
  single.push_back({true, 0, "", 0});
  if (add_eos) { special(*eos); single.push_back({false, 0, *eos, 0}); }
  pair = single;
  if (add_bos) pair.push_back({false, 0, *bos, 1});
  pair.push_back({true, 1, "", 1});
  if (add_eos) pair.push_back({false, 0, *eos, 1});
  p.post_processor = std::make_unique<tok::TemplateProcessing>(std::move(single), std::move(pair), std::move(specials));
}

void check_side(const std::optional<std::string>& side, const char* what) {
  if (side && *side != "left" && *side != "right")
    throw Error(ErrorKind::kInvalidArgument, std::string(what) + " must be \"left\" or \"right\", got \"" + *side + "\"");
}

Tensor rows_tensor(const std::vector<Encoding>& rows, std::vector<std::int64_t> Encoding::*field) {
  if (rows.empty()) return Tensor(DType::kI64, {0, 0});
  const std::size_t len = (rows[0].*field).size();
  std::vector<std::int64_t> flat;
  flat.reserve(rows.size() * len);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& v = rows[r].*field;
    if (v.size() != len)
      throw Error(ErrorKind::kInvalidArgument, "BatchEncoding: row " + std::to_string(r) + " has length " +
                                                   std::to_string(v.size()) + " but row 0 has " + std::to_string(len) +
                                                   "; pad the batch to make a tensor");
    flat.insert(flat.end(), v.begin(), v.end());
  }
  return Tensor::from_vector<std::int64_t>({static_cast<std::int64_t>(rows.size()), static_cast<std::int64_t>(len)}, flat);
}

}  // namespace

Tensor BatchEncoding::input_ids() const { return rows_tensor(rows, &Encoding::ids); }
Tensor BatchEncoding::attention_mask() const { return rows_tensor(rows, &Encoding::attention_mask); }
Tensor BatchEncoding::token_type_ids() const { return rows_tensor(rows, &Encoding::type_ids); }

AutoTokenizer AutoTokenizer::from_pretrained(const fs::path& dir, const TokenizerOptions& options) {
  if (!fs::is_directory(dir)) throw Error(ErrorKind::kNotFound, dir.string() + ": not a directory");
  auto impl = std::make_shared<Impl>();
  impl->config = tok::read_tokenizer_config(dir);
  impl->tokenizer_class = impl->config.tokenizer_class;
  if (impl->tokenizer_class.empty() && options.tokenizer_class_hint) impl->tokenizer_class = *options.tokenizer_class_hint;
  if (impl->config.tokenizer_class.empty()) impl->config.tokenizer_class = impl->tokenizer_class;
  impl->config.apply_class_defaults();
  impl->pipeline = load_pipeline(dir, impl->config, impl->tokenizer_class);
  apply_config_tokens(impl->pipeline, impl->config);
  if (options.max_input_bytes > 0) impl->pipeline.max_input_bytes = options.max_input_bytes;
  const std::string base = impl->config.base_class();
  if (base == "LlamaTokenizer" || base == "GemmaTokenizer")
    rebuild_bos_eos_template(impl->pipeline, impl->config, (dir / "tokenizer_config.json").string());
  AutoTokenizer t;
  t.impl_ = std::move(impl);
  return t;
}

Encoding AutoTokenizer::encode(std::string_view text, bool add_special_tokens) const {
  return impl_->pipeline.encode(text, std::nullopt, add_special_tokens);
}

Encoding AutoTokenizer::encode(std::string_view text, std::string_view text_pair, bool add_special_tokens) const {
  return impl_->pipeline.encode(text, text_pair, add_special_tokens);
}

namespace {
// HF truncation "longest_first": remove tokens one at a time from the longer sequence.
void truncate_pair(Encoding& a, std::optional<Encoding>& b, std::size_t budget, bool from_left) {
  std::size_t la = a.size(), lb = b ? b->size() : 0;
  while (la + lb > budget) {
    if (lb > la) --lb;
    else --la;
  }
  a.truncate(la, from_left);
  if (b) b->truncate(lb, from_left);
}

template <class EncodeRow>
BatchEncoding run_batch(std::size_t n, const BatchOptions& opt, const AutoTokenizer::Impl& impl, EncodeRow encode_row) {
  check_side(opt.padding_side, "padding_side");
  check_side(opt.truncation_side, "truncation_side");
  BatchEncoding out;
  out.rows.resize(n);
  const int threads = std::max(1, std::min<int>(opt.num_threads, static_cast<int>(n)));
  auto work = [&](std::size_t begin, std::size_t end) { for (std::size_t i = begin; i < end; ++i) out.rows[i] = encode_row(i); };
  if (threads <= 1) {
    work(0, n);
  } else {
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
    const std::size_t chunk = (n + static_cast<std::size_t>(threads) - 1) / static_cast<std::size_t>(threads);
    for (int t = 0; t < threads; ++t) {
      const std::size_t b = static_cast<std::size_t>(t) * chunk, e = std::min(n, b + chunk);
      pool.emplace_back([&, b, e, t] {
        try { work(b, e); } catch (...) { errors[static_cast<std::size_t>(t)] = std::current_exception(); }
      });
    }
    for (auto& th : pool) th.join();
    for (auto& err : errors) if (err) std::rethrow_exception(err);
  }
  if (opt.padding != PaddingStrategy::kDoNotPad) {
    std::size_t target = 0;
    if (opt.padding == PaddingStrategy::kLongest) {
      for (const Encoding& e : out.rows) target = std::max(target, e.size());
    } else {
      target = opt.max_length.value_or(impl.config.model_max_length);
      if (target == SIZE_MAX) throw Error(ErrorKind::kInvalidArgument, "padding=max_length needs max_length (the tokenizer has no model_max_length)");
    }
    const auto pad = impl.config.special("pad_token");
    const auto pad_id = impl.id_of(pad);
    if (!pad || !pad_id)
      throw Error(ErrorKind::kInvalidArgument, "padding requested but the tokenizer has no pad_token (set one, e.g. the eos token)");
    const bool left = opt.padding_side.value_or(impl.config.padding_side) == "left";
    for (Encoding& e : out.rows) e.pad(target, *pad_id, *pad, 0, left);
  }
  return out;
}
}  // namespace

BatchEncoding AutoTokenizer::encode_batch(const std::vector<std::string>& texts, const BatchOptions& opt) const {
  const Impl& impl = *impl_;
  return run_batch(texts.size(), opt, impl, [&](std::size_t i) {
    if (!opt.truncation) return impl.pipeline.encode(texts[i], std::nullopt, opt.add_special_tokens);
    const std::size_t max_len = opt.max_length.value_or(impl.config.model_max_length);
    // Truncate the bare sequence, then let the post-processor add the special tokens.
    Encoding a = impl.pipeline.encode_sequence(texts[i], 0, 0);
    std::optional<Encoding> none;
    const std::size_t specials = opt.add_special_tokens ? impl.pipeline.added_special_count(false) : 0;
    if (max_len != SIZE_MAX) truncate_pair(a, none, max_len > specials ? max_len - specials : 0,
                                           opt.truncation_side.value_or(impl.config.truncation_side) == "left");
    return impl.pipeline.post_process(std::move(a), std::nullopt, opt.add_special_tokens);
  });
}

BatchEncoding AutoTokenizer::encode_batch_pairs(const std::vector<std::pair<std::string, std::string>>& pairs,
                                                const BatchOptions& opt) const {
  const Impl& impl = *impl_;
  return run_batch(pairs.size(), opt, impl, [&](std::size_t i) {
    if (!opt.truncation) return impl.pipeline.encode(pairs[i].first, pairs[i].second, opt.add_special_tokens);
    Encoding a = impl.pipeline.encode_sequence(pairs[i].first, 0, 0);
    std::optional<Encoding> b = impl.pipeline.encode_sequence(pairs[i].second, 1, 1);
    const std::size_t max_len = opt.max_length.value_or(impl.config.model_max_length);
    const std::size_t specials = opt.add_special_tokens ? impl.pipeline.added_special_count(true) : 0;
    if (max_len != SIZE_MAX) truncate_pair(a, b, max_len > specials ? max_len - specials : 0,
                                           opt.truncation_side.value_or(impl.config.truncation_side) == "left");
    return impl.pipeline.post_process(std::move(a), std::move(b), opt.add_special_tokens);
  });
}

std::string clean_up_tokenization(std::string s) {
  auto replace_all = [&](std::string_view from, std::string_view to) {
    std::size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) { s.replace(pos, from.size(), to); pos += to.size(); }
  };
  replace_all(" .", ".");
  replace_all(" ?", "?");
  replace_all(" !", "!");
  replace_all(" ,", ",");
  replace_all(" ' ", "'");
  replace_all(" n't", "n't");
  replace_all(" 'm", "'m");
  replace_all(" 's", "'s");
  replace_all(" 've", "'ve");
  replace_all(" 're", "'re");
  return s;
}

std::string AutoTokenizer::decode(const std::vector<std::int64_t>& ids, bool skip_special_tokens,
                                  std::optional<bool> clean_up) const {
  std::string text = impl_->pipeline.decode(ids, skip_special_tokens);
  if (clean_up.value_or(impl_->config.clean_up_tokenization_spaces)) text = clean_up_tokenization(std::move(text));
  return text;
}

std::vector<std::string> AutoTokenizer::batch_decode(const std::vector<std::vector<std::int64_t>>& batch,
                                                     bool skip_special_tokens, std::optional<bool> clean_up) const {
  std::vector<std::string> out;
  out.reserve(batch.size());
  for (const auto& ids : batch) out.push_back(decode(ids, skip_special_tokens, clean_up));
  return out;
}

std::optional<std::int64_t> AutoTokenizer::token_to_id(std::string_view token) const {
  auto id = impl_->pipeline.token_to_id(token);
  if (!id) return std::nullopt;
  return static_cast<std::int64_t>(*id);
}

std::optional<std::string> AutoTokenizer::id_to_token(std::int64_t id) const {
  if (id < 0 || id > 0xFFFFFFFFll) return std::nullopt;
  return impl_->pipeline.id_to_token(static_cast<std::uint32_t>(id));
}

std::vector<std::int64_t> AutoTokenizer::convert_tokens_to_ids(const std::vector<std::string>& tokens) const {
  std::vector<std::int64_t> out;
  out.reserve(tokens.size());
  const std::int64_t unk = unk_token_id().value_or(-1);
  for (const auto& t : tokens) out.push_back(token_to_id(t).value_or(unk));
  return out;
}

std::vector<std::string> AutoTokenizer::convert_ids_to_tokens(const std::vector<std::int64_t>& ids) const {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (std::int64_t id : ids) out.push_back(id_to_token(id).value_or(""));
  return out;
}

std::size_t AutoTokenizer::vocab_size() const { return impl_->pipeline.vocab_size(false); }
std::size_t AutoTokenizer::size() const { return impl_->pipeline.vocab_size(true); }

std::optional<std::string> AutoTokenizer::bos_token() const { return impl_->config.special("bos_token"); }
std::optional<std::string> AutoTokenizer::eos_token() const { return impl_->config.special("eos_token"); }
std::optional<std::string> AutoTokenizer::pad_token() const { return impl_->config.special("pad_token"); }
std::optional<std::string> AutoTokenizer::unk_token() const { return impl_->config.special("unk_token"); }
std::optional<std::int64_t> AutoTokenizer::bos_token_id() const { return impl_->id_of(bos_token()); }
std::optional<std::int64_t> AutoTokenizer::eos_token_id() const { return impl_->id_of(eos_token()); }
std::optional<std::int64_t> AutoTokenizer::pad_token_id() const { return impl_->id_of(pad_token()); }
std::optional<std::int64_t> AutoTokenizer::unk_token_id() const { return impl_->id_of(unk_token()); }

std::vector<std::int64_t> AutoTokenizer::all_special_ids() const {
  std::vector<std::int64_t> out;
  for (const auto& [name, content] : impl_->config.special_tokens)
    if (auto id = impl_->id_of(content)) out.push_back(*id);
  for (const auto& content : impl_->config.additional_special_tokens)
    if (auto id = impl_->id_of(content)) out.push_back(*id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::string& AutoTokenizer::tokenizer_class() const { return impl_->tokenizer_class; }
std::size_t AutoTokenizer::model_max_length() const { return impl_->config.model_max_length; }
const std::string& AutoTokenizer::padding_side() const { return impl_->config.padding_side; }
bool AutoTokenizer::clean_up_tokenization_spaces() const { return impl_->config.clean_up_tokenization_spaces; }

}  // namespace autoclass
