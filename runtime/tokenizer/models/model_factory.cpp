// tokenizer.json "model" -> Model. Old files omit "type": BPE has "merges", Unigram a list vocab,
// WordPiece "continuing_subword_prefix" without merges, else WordLevel.
#include "runtime/tokenizer/models/models.h"

namespace autoclass::tok {

namespace {
Vocab read_vocab_object(const JsonAt& v) {
  Vocab vocab;
  vocab.reserve(v.object().size());
  for (auto it = v.value.begin(); it != v.value.end(); ++it) {
    if (!it.value().is_number_integer() || it.value().get<std::int64_t>() < 0)
      JsonAt{it.value(), json_path_join(v.path, it.key()), v.file}.fail("expected a non-negative integer id");
    vocab.add(it.key(), static_cast<std::uint32_t>(it.value().get<std::int64_t>()));
  }
  return vocab;
}
}  // namespace

std::unique_ptr<Model> make_model(const JsonAt& j, std::optional<Vocab> pre_vocab,
                                  std::optional<std::vector<std::pair<std::string, std::string>>> pre_merges) {
  j.object();
  std::string type = j.str_or("type", "");
  auto vocab_of = [&]() { return pre_vocab ? std::move(*pre_vocab) : read_vocab_object(j.at("vocab")); };
  if (type.empty()) {
    if (j.has("merges") || pre_merges) type = "BPE";
    else if (!pre_vocab && j.has("vocab") && j.value.at("vocab").is_array()) type = "Unigram";
    else if (j.has("continuing_subword_prefix") || j.has("max_input_chars_per_word")) type = "WordPiece";
    else type = "WordLevel";
  }
  if (type == "BPE") {
    const std::string merges_path = json_path_join(j.path, "merges");
    std::vector<std::pair<std::string, std::string>> merges;
    if (pre_merges) merges = std::move(*pre_merges);
    const JsonAt merges_json = pre_merges ? JsonAt{j.value, merges_path, j.file} : j.at("merges");
    if (!pre_merges) merges.reserve(merges_json.array().size());
    for (std::size_t i = 0; !pre_merges && i < merges_json.value.size(); ++i) {
      const Json& m = merges_json.value[i];
      if (m.is_string()) {
        const std::string& s = m.get_ref<const std::string&>();
        const std::size_t sp = s.find(' ');
        if (sp == std::string::npos || s.find(' ', sp + 1) != std::string::npos)
          merges_json.at(i).fail("expected \"<left> <right>\"");
        merges.emplace_back(s.substr(0, sp), s.substr(sp + 1));
      } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
        merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
      } else {
        merges_json.at(i).fail("expected a merge string or a [left, right] pair");
      }
    }
    BpeOptions opt;
    if (j.has("unk_token")) opt.unk_token = j.at("unk_token").str();
    opt.continuing_subword_prefix = j.str_or("continuing_subword_prefix", "");
    opt.end_of_word_suffix = j.str_or("end_of_word_suffix", "");
    opt.fuse_unk = j.bool_or("fuse_unk", false);
    opt.byte_fallback = j.bool_or("byte_fallback", false);
    opt.ignore_merges = j.bool_or("ignore_merges", false);
    // "dropout" only matters for training-time sampling; encoding is deterministic without it.
    return std::make_unique<BpeModel>(vocab_of(), merges, std::move(opt), j.file + ": " + merges_path);
  }
  if (type == "WordPiece") {
    return std::make_unique<WordPieceModel>(vocab_of(), j.str_or("unk_token", "[UNK]"),
                                            j.str_or("continuing_subword_prefix", "##"),
                                            static_cast<std::size_t>(j.int_or("max_input_chars_per_word", 100)),
                                            j.file + ": " + j.path);
  }
  if (type == "WordLevel") return std::make_unique<WordLevelModel>(vocab_of(), j.str_or("unk_token", "<unk>"));
  if (type == "Unigram") {
    const JsonAt vocab = j.at("vocab");
    std::vector<std::pair<std::string, double>> pieces;
    pieces.reserve(vocab.array().size());
    for (std::size_t i = 0; i < vocab.value.size(); ++i) {
      const Json& e = vocab.value[i];
      if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_number())
        vocab.at(i).fail("expected [piece, score]");
      pieces.emplace_back(e[0].get<std::string>(), e[1].get<double>());
    }
    std::optional<std::uint32_t> unk;
    if (j.has("unk_id")) unk = static_cast<std::uint32_t>(j.at("unk_id").integer());
    return std::make_unique<UnigramModel>(std::move(pieces), unk, j.bool_or("byte_fallback", false), j.file + ": " + j.path);
  }
  j.at("type").fail("unsupported model type \"" + type + "\"");
}

}  // namespace autoclass::tok
