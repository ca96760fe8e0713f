// Builds a Pipeline from the slow tokenizers' files when a folder has no tokenizer.json, the way
// transformers' convert_slow_tokenizer would: BertTokenizer (vocab.txt), GPT2/RoBERTa/BART
// (vocab.json + merges.txt), Wav2Vec2CTCTokenizer (vocab.json, chars + CTC decoding).
#pragma once

#include <filesystem>

#include "runtime/tokenizer/pipeline.h"
#include "runtime/tokenizer/tokenizer_config.h"

namespace autoclass::tok {

Pipeline wordpiece_pipeline(const std::filesystem::path& vocab_txt, const TokenizerConfig& cfg);
Pipeline byte_level_bpe_pipeline(const std::filesystem::path& vocab_json, const std::filesystem::path& merges_txt,
                                 const TokenizerConfig& cfg);
Pipeline ctc_char_pipeline(const std::filesystem::path& vocab_json, const TokenizerConfig& cfg);

}  // namespace autoclass::tok
