// Audio files for the feature extractors: WAV (and other libsndfile formats) → float32 mono samples.
#pragma once

#include <filesystem>
#include <vector>

namespace autoclass {

struct AudioClip {
  std::vector<float> samples;  // mono
  int sample_rate = 0;
};

// Reads a mono audio file. 16-bit PCM decodes as int16 / 32768 (soundfile's float conversion);
// 8/24/32-bit PCM and float WAVs go through libsndfile's normalised float read. Other encodings
// (µ-law, A-law, ADPCM ...), several channels or an unreadable file: Error naming the file.
AudioClip read_audio(const std::filesystem::path& path);

// read_audio() and a check that the file's rate equals `expected_sample_rate` (no resampling).
std::vector<float> load_audio(const std::filesystem::path& path, int expected_sample_rate);

}  // namespace autoclass
