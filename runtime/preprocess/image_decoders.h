// Format-specific decoders behind decode_image(); internal to autoclass_preprocess.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/preprocess/image.h"

namespace autoclass::detail {

bool looks_like_png(const std::vector<std::uint8_t>& bytes);
bool looks_like_jpeg(const std::vector<std::uint8_t>& bytes);
RgbImage decode_png(const std::vector<std::uint8_t>& bytes, const std::string& origin);
RgbImage decode_jpeg(const std::vector<std::uint8_t>& bytes, const std::string& origin);

}  // namespace autoclass::detail
