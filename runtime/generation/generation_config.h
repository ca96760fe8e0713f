// HF's GenerationConfig (transformers/generation/configuration_utils.py): the decoding settings, loaded
// from generation_config.json, or derived from the model config when that file is absent (HF's
// GenerationConfig.from_model_config). Defaults are HF's.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

#include "runtime/config/config_view.h"
#include "runtime/core/json_io.h"

namespace autoclass {

struct GenerationConfig {
  std::int64_t max_length = 20;                 // prompt + new tokens, used when max_new_tokens is unset
  std::optional<std::int64_t> max_new_tokens;
  std::int64_t min_length = 0;
  std::optional<std::int64_t> min_new_tokens;
  bool do_sample = false;
  std::int64_t num_beams = 1;
  double temperature = 1.0;
  std::int64_t top_k = 50;
  double top_p = 1.0;
  double repetition_penalty = 1.0;
  double length_penalty = 1.0;
  bool early_stopping = false;
  std::optional<std::int64_t> pad_token_id;
  std::optional<std::int64_t> bos_token_id;
  std::vector<std::int64_t> eos_token_ids;      // eos_token_id: an int or a list
  std::optional<std::int64_t> decoder_start_token_id;
  std::uint64_t seed = 0;                       // not in HF's file (torch's RNG there); ours for sampling

  // From generation_config.json contents; `origin` names the file in errors. Unknown keys are ignored
  // as HF keeps them as attributes; known keys of the wrong type are an Error naming origin and key.
  static GenerationConfig from_json(const Json& json, const std::string& origin);
  // HF from_model_config: bos/eos/pad/decoder_start ids and any generation keys the model config holds.
  static GenerationConfig from_model_config(const ConfigView& config);
  // `dir`/generation_config.json when present, else from_model_config(config).
  static GenerationConfig from_pretrained(const std::filesystem::path& dir, const ConfigView& config);

  // The number of new tokens to produce for a prompt of `prompt_length` (max_new_tokens, else max_length).
  std::int64_t new_tokens_for(std::int64_t prompt_length) const;
  // Throws Error naming the field for values HF also rejects (temperature ≤ 0 with sampling, top_p outside (0,1] …).
  void validate() const;
};

}  // namespace autoclass
