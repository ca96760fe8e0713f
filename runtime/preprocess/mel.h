// Mel filter banks and log-mel spectrograms (transformers/audio_utils.py, feature_extraction_whisper.py).
#pragma once

#include <vector>

namespace autoclass {

enum class MelScale { kHtk, kSlaney };

// audio_utils.mel_filter_bank in float64: [num_frequency_bins][num_mel_filters], row-major.
// norm_slaney scales each triangle by 2 / (f[m+2] - f[m]) (area normalisation).
std::vector<double> mel_filter_bank(int num_frequency_bins, int num_mel_filters, double min_frequency,
                                    double max_frequency, int sampling_rate, bool norm_slaney, MelScale scale);

struct LogMelOptions {
  int n_fft = 400;
  int hop_length = 160;
  int num_mel_filters = 80;
  int frames = 3000;  // output frames: the STFT gives frames + 1 (center padding); the last is dropped
};

// Whisper's log-mel: periodic Hann STFT (center, reflect padding), power, mel_filtersᵀ · power,
// log10(max(·, 1e-10)), floor at (max − 8), (x + 4) / 4. `waveform` must already be padded/truncated
// to (frames * hop_length) samples. Computed in float64; returns float32 [num_mel_filters][frames].
std::vector<float> whisper_log_mel(const std::vector<float>& waveform, const std::vector<double>& mel_filters,
                                   const LogMelOptions& options);

}  // namespace autoclass
