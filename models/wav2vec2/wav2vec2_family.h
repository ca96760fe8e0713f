// Kernel family "wav2vec2": Wav2Vec2Model / Wav2Vec2ForCTC.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "runtime/config/config_view.h"
#include "runtime/model/model.h"

namespace autoclass::models::wav2vec2 {

std::unique_ptr<autoclass::Model> create(const autoclass::ModelRequest& request);

// Wav2Vec2Model._get_feat_extract_output_lengths: L → floor((L - kernel) / stride) + 1 per conv layer
// (conv_kernel / conv_stride from the config).
std::int64_t feature_frames(const autoclass::ConfigView& config, std::int64_t samples);

}  // namespace autoclass::models::wav2vec2
