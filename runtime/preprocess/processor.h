// Processors (HF processing_*.py): a feature extractor or image processor paired with a tokenizer,
// and AutoProcessor to build them from a model directory.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "runtime/preprocess/feature_extractor.h"
#include "runtime/preprocess/image_processor.h"
#include "runtime/preprocess/text_decoder.h"

namespace autoclass {

struct Processor {
  std::string class_name;                              // "Wav2Vec2Processor", "WhisperProcessor", "ViTImageProcessor" ...
  std::shared_ptr<const FeatureExtractor> feature_extractor;  // audio processors
  std::shared_ptr<const ImageProcessor> image_processor;      // image processors
  std::shared_ptr<const TextDecoder> tokenizer;               // may be null (image-only, or no loader given)

  // tokenizer->batch_decode; Error when the processor has no tokenizer.
  std::vector<std::string> batch_decode(const std::vector<std::vector<std::int64_t>>& ids, bool skip_special_tokens) const;
  std::string decode(const std::vector<std::int64_t>& ids, bool skip_special_tokens) const;
};

class AutoProcessor {
 public:
  // processor_class (preprocessor_config.json, else tokenizer_config.json), else config.json's
  // model_type, picks the processor. Wav2Vec2Processor gets its CTC tokenizer from here; other
  // tokenizers come from `loader` (or the default loader, see below). A directory with only an image
  // processor or feature extractor gives that alone, as HF's AutoProcessor falls back to it.
  static Processor from_pretrained(const std::filesystem::path& dir, const TokenizerLoader& loader = {});

  // The loader used when from_pretrained gets none (the runtime/auto layer sets AutoTokenizer here).
  static void set_default_tokenizer_loader(TokenizerLoader loader);
};

}  // namespace autoclass
