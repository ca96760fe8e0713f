// PNG → RGB with libpng's classic API. Conversions follow PIL (Image.open + convert("RGB")), not
// libpng's simplified API (which would composite alpha and apply gamma):
//   - palette → its RGB entries, transparency ignored; gray (1/2/4/8-bit) → copied to R, G, B;
//   - alpha channels dropped as stored, no compositing;
//   - 16-bit colour / gray+alpha → the high byte (PIL's "RGB;16B" / "LA;16B" unpackers);
//   - 16-bit gray without alpha: PIL opens it as mode "I" and convert("RGB") clips the value to 255.
// libpng reports errors by longjmp; all C++ objects live outside the setjmp frame's scope of change.
#include <csetjmp>
#include <cstdio>
#include <cstring>

#include <png.h>

#include "runtime/core/error.h"
#include "runtime/preprocess/image_decoders.h"

namespace autoclass::detail {
namespace {

struct PngReadState {
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
  std::size_t pos = 0;
  char message[256] = {0};
  std::jmp_buf jump;
};

void png_read_from_memory(png_structp png, png_bytep out, png_size_t count) {
  auto* state = static_cast<PngReadState*>(png_get_io_ptr(png));
  if (count > state->size - state->pos) png_error(png, "unexpected end of file (truncated PNG)");
  std::memcpy(out, state->data + state->pos, count);
  state->pos += count;
}

void png_fail(png_structp png, png_const_charp message) {
  auto* state = static_cast<PngReadState*>(png_get_error_ptr(png));
  std::snprintf(state->message, sizeof(state->message), "%s", message);
  std::longjmp(state->jump, 1);
}

void png_ignore_warning(png_structp, png_const_charp) {}

}  // namespace

bool looks_like_png(const std::vector<std::uint8_t>& bytes) {
  return bytes.size() >= 8 && png_sig_cmp(bytes.data(), 0, 8) == 0;
}

RgbImage decode_png(const std::vector<std::uint8_t>& bytes, const std::string& origin) {
  PngReadState state;
  state.data = bytes.data();
  state.size = bytes.size();
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, png_fail, png_ignore_warning);
  if (png == nullptr) throw Error(ErrorKind::kInternal, origin + ": cannot initialise libpng");
  png_infop info = png_create_info_struct(png);
  if (info == nullptr) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    throw Error(ErrorKind::kInternal, origin + ": cannot initialise libpng");
  }
  // Declared before setjmp so a longjmp leaves them valid (and destroyed normally by the throw below).
  std::vector<std::uint8_t> raw;
  std::vector<png_bytep> rows;
  RgbImage image;

  if (setjmp(state.jump)) {
    png_destroy_read_struct(&png, &info, nullptr);
    throw Error(ErrorKind::kParse, origin + ": damaged or truncated PNG: " + state.message);
  }
  png_set_read_fn(png, &state, png_read_from_memory);
  png_read_info(png, info);
  const png_uint_32 width = png_get_image_width(png, info);
  const png_uint_32 height = png_get_image_height(png, info);
  const int color_type = png_get_color_type(png, info);
  const int bit_depth = png_get_bit_depth(png, info);
  if (static_cast<std::uint64_t>(width) * height > (1ull << 28)) png_error(png, "image too large");

  const bool gray16 = color_type == PNG_COLOR_TYPE_GRAY && bit_depth == 16;
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (bit_depth == 16 && !gray16) png_set_strip_16(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);

  const int channels = png_get_channels(png, info);
  const int out_depth = png_get_bit_depth(png, info);
  const std::size_t rowbytes = png_get_rowbytes(png, info);
  raw.resize(rowbytes * height);
  rows.resize(height);
  for (png_uint_32 y = 0; y < height; ++y) rows[y] = raw.data() + y * rowbytes;
  png_read_image(png, rows.data());
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);

  image.width = static_cast<int>(width);
  image.height = static_cast<int>(height);
  image.pixels.resize(static_cast<std::size_t>(width) * height * 3);
  for (png_uint_32 y = 0; y < height; ++y) {
    const std::uint8_t* in = rows[y];
    std::uint8_t* out = image.pixels.data() + static_cast<std::size_t>(y) * width * 3;
    for (png_uint_32 x = 0; x < width; ++x, out += 3) {
      if (out_depth == 16) {  // only 16-bit gray without alpha reaches here
        const unsigned v = (static_cast<unsigned>(in[x * 2]) << 8) | in[x * 2 + 1];
        out[0] = out[1] = out[2] = static_cast<std::uint8_t>(v > 255 ? 255 : v);
      } else if (channels <= 2) {  // gray, gray + alpha
        out[0] = out[1] = out[2] = in[x * channels];
      } else {  // RGB, RGBA
        for (int c = 0; c < 3; ++c) out[c] = in[x * channels + c];
      }
    }
  }
  return image;
}

}  // namespace autoclass::detail
