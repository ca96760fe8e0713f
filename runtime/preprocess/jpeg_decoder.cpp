// JPEG → RGB with libjpeg(-turbo), the library PIL itself decodes with (default ISLOW DCT, fancy
// upsampling), so pixels match PIL's. Gray JPEGs are copied to R, G, B as convert("RGB") does.
// A truncated file is an error (PIL refuses it too unless LOAD_TRUNCATED_IMAGES is set).
#include <csetjmp>
#include <cstdio>

#include <jpeglib.h>
#include <jerror.h>

#include "runtime/core/error.h"
#include "runtime/preprocess/image_decoders.h"

namespace autoclass::detail {
namespace {

struct JpegErrorState {
  jpeg_error_mgr mgr;
  char message[JMSG_LENGTH_MAX] = {0};
  std::jmp_buf jump;
};

void jpeg_fail(j_common_ptr cinfo) {
  auto* state = reinterpret_cast<JpegErrorState*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, state->message);
  std::longjmp(state->jump, 1);
}

// Warnings are silent, except running out of data, which libjpeg would paper over with gray pixels.
void jpeg_message(j_common_ptr cinfo, int level) {
  if (level == -1 && cinfo->err->msg_code == JWRN_JPEG_EOF) jpeg_fail(cinfo);
}

}  // namespace

bool looks_like_jpeg(const std::vector<std::uint8_t>& bytes) {
  return bytes.size() >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
}

RgbImage decode_jpeg(const std::vector<std::uint8_t>& bytes, const std::string& origin) {
  jpeg_decompress_struct cinfo;
  JpegErrorState state;
  cinfo.err = jpeg_std_error(&state.mgr);
  state.mgr.error_exit = jpeg_fail;
  state.mgr.emit_message = jpeg_message;
  RgbImage image;
  std::vector<std::uint8_t> row;
  bool unsupported_colour = false, too_large = false;

  jpeg_create_decompress(&cinfo);
  if (setjmp(state.jump)) {
    jpeg_destroy_decompress(&cinfo);
    throw Error(ErrorKind::kParse, origin + ": damaged or truncated JPEG: " + state.message);
  }
  jpeg_mem_src(&cinfo, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&cinfo, TRUE);
  if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
    unsupported_colour = true;
  } else if (static_cast<std::uint64_t>(cinfo.image_width) * cinfo.image_height > (1ull << 28)) {
    too_large = true;  // same pixel budget as the PNG decoder
  } else {
    cinfo.out_color_space = cinfo.jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    const int channels = cinfo.output_components;
    image.width = static_cast<int>(cinfo.output_width);
    image.height = static_cast<int>(cinfo.output_height);
    image.pixels.resize(static_cast<std::size_t>(image.width) * image.height * 3);
    row.resize(static_cast<std::size_t>(image.width) * channels);
    while (cinfo.output_scanline < cinfo.output_height) {
      const int y = static_cast<int>(cinfo.output_scanline);
      JSAMPROW rows[1] = {row.data()};
      jpeg_read_scanlines(&cinfo, rows, 1);
      std::uint8_t* out = image.pixels.data() + static_cast<std::size_t>(y) * image.width * 3;
      for (int x = 0; x < image.width; ++x, out += 3) {
        if (channels == 1) out[0] = out[1] = out[2] = row[x];
        else for (int c = 0; c < 3; ++c) out[c] = row[x * 3 + c];
      }
    }
    jpeg_finish_decompress(&cinfo);
  }
  jpeg_destroy_decompress(&cinfo);
  if (too_large) throw Error(ErrorKind::kUnsupported, origin + ": JPEG image too large");
  if (unsupported_colour) throw Error(ErrorKind::kUnsupported, origin + ": CMYK/YCCK JPEG images are not supported");
  return image;
}

}  // namespace autoclass::detail
