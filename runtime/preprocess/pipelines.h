// Entry points for `autoclass classify-image MODEL image.png` and `autoclass transcribe MODEL audio.wav`:
// preprocessing (this library) + a built Model (from AutoModelFor*), post-processing as HF's
// image-classification and automatic-speech-recognition pipelines do (greedy only).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/config/config_view.h"
#include "runtime/model/model.h"
#include "runtime/preprocess/image_processor.h"
#include "runtime/preprocess/processor.h"

namespace autoclass {

struct ImageClassification {
  std::int64_t id = 0;
  std::string label;  // config.id2label[id], or "LABEL_<id>" as HF when absent
  float score = 0;    // softmax probability
};

// Runs `model` (an image classifier: pixel_values → logits [1, labels]) on one image file; the
// top_k labels, best first.
std::vector<ImageClassification> classify_image(Model& model, const ConfigView& config, const ImageProcessor& processor,
                                                const std::filesystem::path& image, int top_k = 1);

struct TranscribeOptions {
  std::int64_t max_new_tokens = 128;        // seq2seq models
  std::vector<std::int64_t> decoder_prefix;  // seq2seq: empty = decoder_start_token_id + generation_config's forced ids
};

// One audio file → text. CTC models (input_values → logits [1, frames, vocab]): argmax per frame,
// then the processor's CTC decode (skip_special_tokens). Speech seq2seq models (input_features +
// decoder_input_ids → logits; encoder_outputs fed back after the first step): argmax loop from the
// prefix until eos_token_id or max_new_tokens, then tokenizer decode (skip_special_tokens).
// `model_dir` supplies generation_config.json (optional).
std::string transcribe(Model& model, const ConfigView& config, const Processor& processor,
                       const std::filesystem::path& model_dir, const std::filesystem::path& audio,
                       const TranscribeOptions& options = {});

// The seq2seq prefix rule used by transcribe(): [decoder_start_token_id] then generation_config.json's
// forced_decoder_ids (position, id) in position order.
std::vector<std::int64_t> default_decoder_prefix(const ConfigView& config, const std::filesystem::path& model_dir);

}  // namespace autoclass
