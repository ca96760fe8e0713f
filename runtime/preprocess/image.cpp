#include "runtime/preprocess/image.h"

#include <fstream>
#include <iterator>

#include "runtime/core/error.h"
#include "runtime/preprocess/image_decoders.h"

namespace autoclass {

RgbImage decode_image(const std::vector<std::uint8_t>& bytes, const std::string& origin) {
  if (detail::looks_like_png(bytes)) return detail::decode_png(bytes, origin);
  if (detail::looks_like_jpeg(bytes)) return detail::decode_jpeg(bytes, origin);
  throw Error(ErrorKind::kUnsupported, origin + ": not a PNG or JPEG image (unrecognised file signature)");
}

RgbImage load_image(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw Error(ErrorKind::kNotFound, path.string() + ": no such file");
  if (std::filesystem::is_directory(path, ec))
    throw Error(ErrorKind::kIo, path.string() + ": is a directory, expected an image file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIo, path.string() + ": cannot open");
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(ErrorKind::kIo, path.string() + ": read error");
  return decode_image(bytes, path.string());
}

}  // namespace autoclass
