// Decoded images as HF's load_image() sees them: PIL.Image.open(...).convert("RGB") → 8-bit RGB,
// row-major [height, width, 3]. PNG and JPEG are read with libpng / libjpeg.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace autoclass {

struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // height * width * 3, R G B interleaved

  std::uint8_t at(int y, int x, int c) const { return pixels[(static_cast<std::size_t>(y) * width + x) * 3 + c]; }
};

// Reads a PNG or JPEG file (chosen by its magic bytes) and converts it to RGB the way PIL's
// convert("RGB") does: gray copied to R, G and B; alpha dropped without compositing; palette expanded
// (transparency ignored). Throws Error naming the file for anything else or for damaged files.
RgbImage load_image(const std::filesystem::path& path);

// The same from bytes in memory; `origin` names the source in error messages.
RgbImage decode_image(const std::vector<std::uint8_t>& bytes, const std::string& origin);

}  // namespace autoclass
