// Post-processing as transformers' pipelines/image_classification.py (softmax, top-k, id2label) and
// pipelines/automatic_speech_recognition.py (CTC argmax + decode; seq2seq greedy generate + decode).
#include "runtime/preprocess/pipelines.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "runtime/core/error.h"
#include "runtime/preprocess/feature_extractor.h"

namespace autoclass {
namespace fs = std::filesystem;

std::vector<ImageClassification> classify_image(Model& model, const ConfigView& config, const ImageProcessor& processor,
                                                const fs::path& image, int top_k) {
  const TensorMap out = model.forward(processor.from_files({image}));
  auto it = out.find("logits");
  if (it == out.end()) throw Error(ErrorKind::kInvalidArgument, model.class_name() + " is not an image classifier (no logits)");
  const Tensor logits = it->second.to(DType::kF32);
  const std::int64_t labels = logits.dim(-1);
  const float* row = logits.data<float>();
  const float mx = *std::max_element(row, row + labels);
  std::vector<double> prob(labels);
  double sum = 0;
  for (std::int64_t i = 0; i < labels; ++i) sum += (prob[i] = std::exp(static_cast<double>(row[i]) - mx));
  std::vector<std::int64_t> order(labels);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) { return prob[a] > prob[b]; });
  const auto id2label = config.find("id2label");
  std::vector<ImageClassification> result;
  for (std::int64_t k = 0; k < std::min<std::int64_t>(std::max(top_k, 1), labels); ++k) {
    ImageClassification c;
    c.id = order[k];
    c.score = static_cast<float>(prob[c.id] / sum);
    const std::string key = std::to_string(c.id);
    c.label = (id2label && id2label->is_object() && id2label->contains(key) && (*id2label)[key].is_string())
                  ? (*id2label)[key].get<std::string>()
                  : "LABEL_" + key;
    result.push_back(std::move(c));
  }
  return result;
}

std::vector<std::int64_t> default_decoder_prefix(const ConfigView& config, const fs::path& model_dir) {
  std::vector<std::int64_t> prefix;
  Json generation = Json::object();
  std::error_code ec;
  if (!model_dir.empty() && fs::exists(model_dir / "generation_config.json", ec))
    generation = parse_json_file(model_dir / "generation_config.json");
  if (generation.contains("decoder_start_token_id") && generation["decoder_start_token_id"].is_number_integer())
    prefix.push_back(generation["decoder_start_token_id"].get<std::int64_t>());
  else
    prefix.push_back(config.get_int("decoder_start_token_id"));
  if (generation.contains("forced_decoder_ids") && generation["forced_decoder_ids"].is_array()) {
    std::map<std::int64_t, std::int64_t> forced;
    for (const Json& pair : generation["forced_decoder_ids"]) {
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_integer() || !pair[1].is_number_integer())
        throw Error(ErrorKind::kParse, (model_dir / "generation_config.json").string() +
                                           ": /forced_decoder_ids: expected [position, token_id] pairs");
      forced[pair[0].get<std::int64_t>()] = pair[1].get<std::int64_t>();
    }
    for (const auto& [pos, id] : forced)
      if (pos == static_cast<std::int64_t>(prefix.size())) prefix.push_back(id);
  }
  return prefix;
}

namespace {

std::int64_t argmax_row(const float* row, std::int64_t n) { return std::max_element(row, row + n) - row; }

std::string transcribe_ctc(Model& model, const Processor& processor, const TensorMap& features) {
  const TensorMap out = model.forward(features);
  auto it = out.find("logits");
  if (it == out.end()) throw Error(ErrorKind::kInvalidArgument, model.class_name() + " has no CTC head (no logits)");
  const Tensor& logits = it->second;
  std::vector<std::int64_t> ids;
  for (std::int64_t f = 0; f < logits.dim(1); ++f) ids.push_back(argmax_row(logits.data<float>() + f * logits.dim(2), logits.dim(2)));
  return processor.decode(ids, true);
}

std::string transcribe_seq2seq(Model& model, const ConfigView& config, const Processor& processor, const fs::path& model_dir,
                               const TensorMap& features, const TranscribeOptions& options) {
  std::vector<std::int64_t> ids = options.decoder_prefix.empty() ? default_decoder_prefix(config, model_dir) : options.decoder_prefix;
  const std::size_t prompt = ids.size();
  const std::vector<std::int64_t> eos = config.get_int_list("eos_token_id");
  Tensor encoded;
  for (std::int64_t step = 0; step < options.max_new_tokens; ++step) {
    TensorMap in{{"decoder_input_ids", Tensor::from_vector<std::int64_t>({1, static_cast<std::int64_t>(ids.size())}, ids)}};
    if (encoded.empty()) in["input_features"] = features.at("input_features");
    else in["encoder_outputs"] = encoded;
    const TensorMap out = model.forward(in);
    if (encoded.empty()) encoded = out.at("encoder_last_hidden_state");
    auto it = out.find("logits");
    if (it == out.end()) throw Error(ErrorKind::kInvalidArgument, model.class_name() + " has no LM head (no logits)");
    const std::int64_t vocab = it->second.dim(2);
    const std::int64_t next = argmax_row(it->second.data<float>() + (static_cast<std::int64_t>(ids.size()) - 1) * vocab, vocab);
    if (std::find(eos.begin(), eos.end(), next) != eos.end()) break;
    ids.push_back(next);
  }
  return processor.decode(std::vector<std::int64_t>(ids.begin() + static_cast<long>(prompt), ids.end()), true);
}

}  // namespace

std::string transcribe(Model& model, const ConfigView& config, const Processor& processor, const fs::path& model_dir,
                       const fs::path& audio, const TranscribeOptions& options) {
  if (!processor.feature_extractor)
    throw Error(ErrorKind::kInvalidArgument, processor.class_name + " has no feature extractor; cannot transcribe audio");
  const TensorMap features = processor.feature_extractor->from_files({audio});
  if (features.count("input_features")) return transcribe_seq2seq(model, config, processor, model_dir, features, options);
  return transcribe_ctc(model, processor, features);
}

}  // namespace autoclass
