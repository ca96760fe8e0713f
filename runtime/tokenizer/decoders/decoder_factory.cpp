// tokenizer.json "decoder" -> Decoder (dispatch on "type").
#include "runtime/tokenizer/decoders/decoders.h"

namespace autoclass::tok {

std::unique_ptr<Decoder> make_decoder(const JsonAt& j) {
  if (j.value.is_null()) return nullptr;
  const std::string type = j.at("type").str();
  if (type == "ByteLevel") return std::make_unique<ByteLevelDecoder>();
  if (type == "WordPiece") return std::make_unique<WordPieceDecoder>(j.str_or("prefix", "##"), j.bool_or("cleanup", true));
  if (type == "Metaspace") {
    std::string replacement = j.has("replacement") ? j.at("replacement").str() : j.str_or("str_rep", "\xE2\x96\x81");
    bool strip_first = true;
    if (j.has("prepend_scheme")) strip_first = j.at("prepend_scheme").str() != "never";
    else if (j.has("add_prefix_space")) strip_first = j.at("add_prefix_space").boolean();
    return std::make_unique<MetaspaceDecoder>(replacement, strip_first);
  }
  if (type == "ByteFallback") return std::make_unique<ByteFallbackDecoder>();
  if (type == "Fuse") return std::make_unique<FuseDecoder>();
  if (type == "Strip")
    return std::make_unique<StripDecoder>(j.str_or("content", " "), static_cast<std::size_t>(j.int_or("start", 0)),
                                          static_cast<std::size_t>(j.int_or("stop", 0)));
  if (type == "Replace") {
    const JsonAt pattern = j.at("pattern");
    const bool is_regex = pattern.has("Regex");
    const std::string pat = is_regex ? pattern.at("Regex").str() : pattern.at("String").str();
    return std::make_unique<ReplaceDecoder>(pat, is_regex, j.at("content").str(), j.file + ": " + pattern.path);
  }
  if (type == "BPEDecoder") return std::make_unique<BpeDecoder>(j.str_or("suffix", "</w>"));
  if (type == "CTC")
    return std::make_unique<CtcDecoder>(j.str_or("pad_token", "<pad>"), j.str_or("word_delimiter_token", "|"), j.bool_or("cleanup", true));
  if (type == "Sequence") {
    const JsonAt list = j.at("decoders");
    std::vector<std::unique_ptr<Decoder>> items;
    for (std::size_t i = 0; i < list.array().size(); ++i) {
      auto d = make_decoder(list.at(i));
      if (d) items.push_back(std::move(d));
    }
    return std::make_unique<SequenceDecoder>(std::move(items));
  }
  j.at("type").fail("unsupported decoder type \"" + type + "\"");
}

}  // namespace autoclass::tok
