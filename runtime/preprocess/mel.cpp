// Facts from transformers/audio_utils.py (mel_filter_bank, hertz_to_mel, _create_triangular_filter_bank)
// and WhisperFeatureExtractor._torch_extract_fbank_features; the DFT is a float64 GEMM with Eigen.
#include "runtime/preprocess/mel.h"

#include <algorithm>
#include <cmath>

#include <Eigen/Dense>

#include "runtime/core/error.h"

namespace autoclass {
namespace {

constexpr double kMinLogHertz = 1000.0;
constexpr double kMinLogMel = 15.0;
const double kLogStep = 27.0 / std::log(6.4);

double hertz_to_mel(double f, MelScale scale) {
  if (scale == MelScale::kHtk) return 2595.0 * std::log10(1.0 + f / 700.0);
  if (f >= kMinLogHertz) return kMinLogMel + std::log(f / kMinLogHertz) * kLogStep;
  return 3.0 * f / 200.0;
}

double mel_to_hertz(double m, MelScale scale) {
  if (scale == MelScale::kHtk) return 700.0 * (std::pow(10.0, m / 2595.0) - 1.0);
  if (m >= kMinLogMel) return kMinLogHertz * std::exp((m - kMinLogMel) / kLogStep);
  return 200.0 * m / 3.0;
}

// numpy.linspace: start + i * step, last element exactly stop.
std::vector<double> linspace(double start, double stop, int num) {
  std::vector<double> v(num);
  const double step = num > 1 ? (stop - start) / (num - 1) : 0.0;
  for (int i = 0; i < num; ++i) v[i] = start + i * step;
  if (num > 1) v[num - 1] = stop;
  return v;
}

}  // namespace

std::vector<double> mel_filter_bank(int num_frequency_bins, int num_mel_filters, double min_frequency,
                                    double max_frequency, int sampling_rate, bool norm_slaney, MelScale scale) {
  if (num_frequency_bins < 2 || num_mel_filters < 1 || max_frequency <= min_frequency)
    throw Error(ErrorKind::kInvalidArgument, "mel_filter_bank: invalid sizes or frequency range");
  const std::vector<double> mel = linspace(hertz_to_mel(min_frequency, scale), hertz_to_mel(max_frequency, scale),
                                           num_mel_filters + 2);
  std::vector<double> filter_freqs(mel.size());
  for (std::size_t i = 0; i < mel.size(); ++i) filter_freqs[i] = mel_to_hertz(mel[i], scale);
  const std::vector<double> fft_freqs = linspace(0, sampling_rate / 2, num_frequency_bins);  // sampling_rate // 2
  std::vector<double> bank(static_cast<std::size_t>(num_frequency_bins) * num_mel_filters);
  for (int b = 0; b < num_frequency_bins; ++b) {
    for (int m = 0; m < num_mel_filters; ++m) {
      const double down = -(filter_freqs[m] - fft_freqs[b]) / (filter_freqs[m + 1] - filter_freqs[m]);
      const double up = (filter_freqs[m + 2] - fft_freqs[b]) / (filter_freqs[m + 2] - filter_freqs[m + 1]);
      double v = std::max(0.0, std::min(down, up));
      if (norm_slaney) v *= 2.0 / (filter_freqs[m + 2] - filter_freqs[m]);
      bank[static_cast<std::size_t>(b) * num_mel_filters + m] = v;
    }
  }
  return bank;
}

std::vector<float> whisper_log_mel(const std::vector<float>& waveform, const std::vector<double>& mel_filters,
                                   const LogMelOptions& o) {
  const int n_fft = o.n_fft, hop = o.hop_length, bins = n_fft / 2 + 1, n_mels = o.num_mel_filters;
  const int pad = n_fft / 2;
  const std::int64_t n = static_cast<std::int64_t>(waveform.size());
  if (n <= pad) throw Error(ErrorKind::kInvalidArgument, "log-mel: waveform shorter than n_fft / 2 + 1 samples");
  if (mel_filters.size() != static_cast<std::size_t>(bins) * n_mels)
    throw Error(ErrorKind::kInvalidArgument, "log-mel: mel filter bank size does not match n_fft and mel count");
  const int frames = o.frames;
  // Reflect padding ("reflect": the edge sample is not repeated).
  auto sample = [&](std::int64_t i) -> double {
    if (i < 0) i = -i;
    if (i >= n) i = 2 * (n - 1) - i;
    return waveform[static_cast<std::size_t>(i)];
  };
  Eigen::MatrixXd windowed(frames, n_fft);
  for (int f = 0; f < frames; ++f) {
    const std::int64_t start = static_cast<std::int64_t>(f) * hop - pad;
    for (int k = 0; k < n_fft; ++k) {
      const double w = 0.5 - 0.5 * std::cos(2.0 * M_PI * k / n_fft);  // periodic Hann
      windowed(f, k) = w * sample(start + k);
    }
  }
  Eigen::MatrixXd cos_basis(n_fft, bins), sin_basis(n_fft, bins);
  for (int k = 0; k < n_fft; ++k)
    for (int b = 0; b < bins; ++b) {
      const double angle = 2.0 * M_PI * static_cast<double>((static_cast<std::int64_t>(k) * b) % n_fft) / n_fft;
      cos_basis(k, b) = std::cos(angle);
      sin_basis(k, b) = std::sin(angle);
    }
  const Eigen::MatrixXd re = windowed * cos_basis, im = windowed * sin_basis;
  const Eigen::MatrixXd power = re.cwiseProduct(re) + im.cwiseProduct(im);  // [frames, bins]
  const Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> filters(
      mel_filters.data(), bins, n_mels);
  Eigen::MatrixXd mel = power * filters;  // [frames, n_mels]
  double max_log = -INFINITY;
  for (Eigen::Index i = 0; i < mel.size(); ++i) {
    mel.data()[i] = std::log10(std::max(mel.data()[i], 1e-10));
    max_log = std::max(max_log, mel.data()[i]);
  }
  std::vector<float> out(static_cast<std::size_t>(n_mels) * frames);
  for (int m = 0; m < n_mels; ++m)
    for (int f = 0; f < frames; ++f)
      out[static_cast<std::size_t>(m) * frames + f] = static_cast<float>((std::max(mel(f, m), max_log - 8.0) + 4.0) / 4.0);
  return out;
}

}  // namespace autoclass
