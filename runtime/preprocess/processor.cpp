#include "runtime/preprocess/processor.h"

#include <map>
#include <mutex>

#include "runtime/core/error.h"
#include "runtime/preprocess/ctc_tokenizer.h"

namespace autoclass {
namespace fs = std::filesystem;
namespace {

std::mutex& loader_mutex() {
  static std::mutex m;
  return m;
}
TokenizerLoader& default_loader() {
  static TokenizerLoader loader;
  return loader;
}

std::string processor_class_of(const fs::path& dir, const PreprocessorConfig& config) {
  std::string name = config.get_string("processor_class", "");
  if (!name.empty()) return name;
  std::error_code ec;
  const fs::path tok_config = dir / "tokenizer_config.json";
  if (fs::exists(tok_config, ec)) {
    const Json json = parse_json_file(tok_config);
    if (json.is_object() && json.contains("processor_class") && json["processor_class"].is_string())
      return json["processor_class"].get<std::string>();
  }
  static const std::map<std::string, std::string> by_model_type = {{"wav2vec2", "Wav2Vec2Processor"},
                                                                   {"whisper", "WhisperProcessor"}};
  auto it = by_model_type.find(config.model_type());
  return it == by_model_type.end() ? "" : it->second;
}

}  // namespace

void AutoProcessor::set_default_tokenizer_loader(TokenizerLoader loader) {
  std::lock_guard<std::mutex> lock(loader_mutex());
  default_loader() = std::move(loader);
}

Processor AutoProcessor::from_pretrained(const fs::path& dir, const TokenizerLoader& loader_in) {
  const PreprocessorConfig config = PreprocessorConfig::load(dir);
  TokenizerLoader loader = loader_in;
  if (!loader) {
    std::lock_guard<std::mutex> lock(loader_mutex());
    loader = default_loader();
  }
  Processor p;
  p.class_name = processor_class_of(dir, config);
  if (p.class_name == "Wav2Vec2Processor") {
    p.feature_extractor = AutoFeatureExtractor::from_config(config);
    p.tokenizer = std::make_shared<Wav2Vec2CTCTokenizer>(Wav2Vec2CTCTokenizer::from_pretrained(dir));
    return p;
  }
  if (p.class_name == "WhisperProcessor") {
    p.feature_extractor = AutoFeatureExtractor::from_config(config);
    if (loader) p.tokenizer = loader(dir);
    return p;
  }
  if (!p.class_name.empty())
    throw Error(ErrorKind::kUnsupported, config.file().string() + ": processor class '" + p.class_name +
                                             "' is not supported (supported: Wav2Vec2Processor, WhisperProcessor)");
  // No processor class: HF's AutoProcessor falls back to the image processor / feature extractor.
  if (!AutoImageProcessor::resolve_class(config).empty()) {
    auto ip = std::make_shared<ImageProcessor>(AutoImageProcessor::from_pretrained(dir));
    p.class_name = ip->class_name();
    p.image_processor = ip;
    return p;
  }
  if (!AutoFeatureExtractor::resolve_class(config).empty()) {
    p.feature_extractor = AutoFeatureExtractor::from_config(config);
    p.class_name = p.feature_extractor->class_name();
    return p;
  }
  throw Error(ErrorKind::kUnsupported, config.file().string() + ": cannot tell the processor class (no processor_class, "
                                                                "image_processor_type or feature_extractor_type)");
}

std::string Processor::decode(const std::vector<std::int64_t>& ids, bool skip_special_tokens) const {
  if (!tokenizer)
    throw Error(ErrorKind::kInvalidArgument, class_name + ": no tokenizer (pass a TokenizerLoader to AutoProcessor)");
  return tokenizer->decode(ids, skip_special_tokens);
}

std::vector<std::string> Processor::batch_decode(const std::vector<std::vector<std::int64_t>>& ids,
                                                 bool skip_special_tokens) const {
  if (!tokenizer)
    throw Error(ErrorKind::kInvalidArgument, class_name + ": no tokenizer (pass a TokenizerLoader to AutoProcessor)");
  return tokenizer->batch_decode(ids, skip_special_tokens);
}

}  // namespace autoclass
