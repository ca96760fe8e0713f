// Image resizing exactly as Pillow's Image.resize computes it on 8-bit images (HF image processors
// resize through PIL), so resized pixels are bit-identical to HF's.
#pragma once

#include "runtime/preprocess/image.h"

namespace autoclass {

// PIL.Image.Resampling values, as stored in preprocessor_config.json's "resample".
enum class PilResample { kNearest = 0, kLanczos = 1, kBilinear = 2, kBicubic = 3, kBox = 4, kHamming = 5 };

// Throws Error for a value outside 0..5.
PilResample pil_resample_from_int(long long value, const std::string& origin);

// Image.resize((width, height), resample, reducing_gap=None) on an RGB image.
RgbImage pillow_resize(const RgbImage& image, int width, int height, PilResample resample);

// Image.crop((left, top, left + width, top + height)); areas outside the image are black, as in PIL.
RgbImage pillow_crop(const RgbImage& image, int left, int top, int width, int height);

}  // namespace autoclass
