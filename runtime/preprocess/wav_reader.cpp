#include <sndfile.h>

#include <memory>
#include <string>

#include "runtime/core/error.h"
#include "runtime/preprocess/audio.h"

namespace autoclass {
namespace {

struct SndfileCloser {
  void operator()(SNDFILE* f) const { sf_close(f); }
};

std::string encoding_name(int subtype) {
  switch (subtype) {
    case SF_FORMAT_ULAW: return "u-law";
    case SF_FORMAT_ALAW: return "A-law";
    case SF_FORMAT_IMA_ADPCM: return "IMA ADPCM";
    case SF_FORMAT_MS_ADPCM: return "MS ADPCM";
    case SF_FORMAT_GSM610: return "GSM 6.10";
    default: return "subtype 0x" + [&] { char b[16]; std::snprintf(b, sizeof b, "%04x", subtype); return std::string(b); }();
  }
}

}  // namespace

AudioClip read_audio(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error(ErrorKind::kNotFound, path.string() + ": no such file");
  SF_INFO info{};
  std::unique_ptr<SNDFILE, SndfileCloser> file(sf_open(path.c_str(), SFM_READ, &info));
  if (!file) throw Error(ErrorKind::kParse, path.string() + ": not a readable audio file: " + sf_strerror(nullptr));
  const int subtype = info.format & SF_FORMAT_SUBMASK;
  const bool pcm16 = subtype == SF_FORMAT_PCM_16;
  const bool other_linear = subtype == SF_FORMAT_PCM_S8 || subtype == SF_FORMAT_PCM_U8 || subtype == SF_FORMAT_PCM_24 ||
                            subtype == SF_FORMAT_PCM_32 || subtype == SF_FORMAT_FLOAT || subtype == SF_FORMAT_DOUBLE;
  if (!pcm16 && !other_linear)
    throw Error(ErrorKind::kUnsupported, path.string() + ": unsupported audio encoding (" + encoding_name(subtype) +
                                             "); expected linear PCM or float");
  if (info.channels != 1)
    throw Error(ErrorKind::kUnsupported, path.string() + ": " + std::to_string(info.channels) +
                                             " channels; only mono audio is supported");
  if (info.frames < 0 || info.frames > (1ll << 31))
    throw Error(ErrorKind::kUnsupported, path.string() + ": too many samples");
  AudioClip clip;
  clip.sample_rate = info.samplerate;
  clip.samples.resize(static_cast<std::size_t>(info.frames));
  sf_count_t got = 0;
  if (pcm16) {
    std::vector<short> raw(clip.samples.size());
    got = sf_readf_short(file.get(), raw.data(), info.frames);
    for (sf_count_t i = 0; i < got; ++i) clip.samples[i] = static_cast<float>(raw[i]) / 32768.0f;
  } else {
    got = sf_readf_float(file.get(), clip.samples.data(), info.frames);
  }
  if (got != info.frames)
    throw Error(ErrorKind::kParse, path.string() + ": truncated audio data (read " + std::to_string(got) + " of " +
                                       std::to_string(info.frames) + " samples)");
  return clip;
}

std::vector<float> load_audio(const std::filesystem::path& path, int expected_sample_rate) {
  AudioClip clip = read_audio(path);
  if (clip.sample_rate != expected_sample_rate)
    throw Error(ErrorKind::kUnsupported, path.string() + ": sample rate " + std::to_string(clip.sample_rate) +
                                             " Hz, but the feature extractor expects " +
                                             std::to_string(expected_sample_rate) + " Hz (resample the file first)");
  return std::move(clip.samples);
}

}  // namespace autoclass
