// PNG / JPEG decoding and PIL's convert("RGB") rules, on the fixture images and on images written
// here with libpng / libjpeg in every PNG colour type and bit depth.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include <jpeglib.h>
#include <png.h>

#include "runtime/core/error.h"
#include "runtime/preprocess/image.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;

namespace {

// Writes a PNG with libpng's simplified-free classic API; `data` is rows of packed samples.
void write_png(const fs::path& path, int w, int h, int color_type, int bit_depth, const std::vector<std::uint8_t>& data,
               const std::vector<png_color>& palette = {}, const std::vector<std::uint8_t>& trns = {},
               int interlace = PNG_INTERLACE_NONE) {
  FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_init_io(png, f);
  png_set_IHDR(png, info, w, h, bit_depth, color_type, interlace, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (!palette.empty()) png_set_PLTE(png, info, palette.data(), static_cast<int>(palette.size()));
  if (!trns.empty()) png_set_tRNS(png, info, trns.data(), static_cast<int>(trns.size()), nullptr);
  png_write_info(png, info);
  const std::size_t rowbytes = data.size() / h;
  std::vector<png_bytep> rows;
  for (int y = 0; y < h; ++y) rows.push_back(const_cast<png_bytep>(data.data() + y * rowbytes));
  png_write_image(png, rows.data());  // handles the Adam7 passes too
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  std::fclose(f);
}

void write_jpeg(const fs::path& path, int w, int h, int components, const std::vector<std::uint8_t>& data) {
  FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  jpeg_compress_struct c;
  jpeg_error_mgr err;
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  jpeg_stdio_dest(&c, f);
  c.image_width = w;
  c.image_height = h;
  c.input_components = components;
  c.in_color_space = components == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&c);
  jpeg_set_quality(&c, 100, TRUE);
  jpeg_start_compress(&c, TRUE);
  while (c.next_scanline < c.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(data.data() + c.next_scanline * w * components);
    jpeg_write_scanlines(&c, &row, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  std::fclose(f);
}

std::vector<std::uint8_t> read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& p, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// Requires that calling f throws autoclass::Error whose message contains `needle`.
template <class F>
void require_error_mentioning(F&& f, const std::string& needle) {
  try {
    f();
    FAIL("expected an autoclass::Error mentioning " << needle);
  } catch (const Error& e) {
    INFO(e.what());
    CHECK(std::string(e.what()).find(needle) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("fixture PNGs decode to RGB with their sizes", "[preprocess][image]") {
  const fs::path dir = test::fixture("models/vit_imgcls");
  const RgbImage rgb = load_image(dir / "image_0.png");
  CHECK(rgb.width == 40);
  CHECK(rgb.height == 30);
  const RgbImage gray = load_image(dir / "image_1.png");
  CHECK(gray.width == 17);
  CHECK(gray.height == 23);
  for (int y = 0; y < gray.height; ++y)
    for (int x = 0; x < gray.width; ++x) {
      REQUIRE(gray.at(y, x, 0) == gray.at(y, x, 1));
      REQUIRE(gray.at(y, x, 0) == gray.at(y, x, 2));
    }
  const RgbImage rgba = load_image(dir / "image_2.png");
  CHECK(rgba.width == 21);
  CHECK(rgba.height == 13);
  CHECK(rgba.pixels.size() == 21u * 13u * 3u);
}

TEST_CASE("every PNG colour type converts as PIL's convert('RGB')", "[preprocess][image]") {
  test::TempDir tmp;
  const int w = 5, h = 3;
  std::vector<std::uint8_t> rgb(w * h * 3);
  for (std::size_t i = 0; i < rgb.size(); ++i) rgb[i] = static_cast<std::uint8_t>((i * 37 + 11) % 256);

  SECTION("RGBA: alpha dropped, colours kept as stored") {
    std::vector<std::uint8_t> rgba;
    for (int i = 0; i < w * h; ++i) {
      for (int c = 0; c < 3; ++c) rgba.push_back(rgb[i * 3 + c]);
      rgba.push_back(static_cast<std::uint8_t>(i * 17));  // varying alpha, including 0
    }
    write_png(tmp.path() / "a.png", w, h, PNG_COLOR_TYPE_RGB_ALPHA, 8, rgba);
    CHECK(load_image(tmp.path() / "a.png").pixels == rgb);
  }
  SECTION("interlaced (Adam7) RGB") {
    write_png(tmp.path() / "i.png", w, h, PNG_COLOR_TYPE_RGB, 8, rgb, {}, {}, PNG_INTERLACE_ADAM7);
    CHECK(load_image(tmp.path() / "i.png").pixels == rgb);
  }
  SECTION("gray + alpha: gray copied, alpha dropped") {
    std::vector<std::uint8_t> ga;
    for (int i = 0; i < w * h; ++i) ga.insert(ga.end(), {static_cast<std::uint8_t>(i * 13), static_cast<std::uint8_t>(255 - i)});
    write_png(tmp.path() / "ga.png", w, h, PNG_COLOR_TYPE_GRAY_ALPHA, 8, ga);
    const RgbImage img = load_image(tmp.path() / "ga.png");
    for (int i = 0; i < w * h; ++i)
      for (int c = 0; c < 3; ++c) REQUIRE(img.pixels[i * 3 + c] == i * 13);
  }
  SECTION("palette (with tRNS): palette colours, transparency ignored") {
    std::vector<png_color> palette;
    for (int i = 0; i < 4; ++i) palette.push_back({static_cast<png_byte>(i * 60), static_cast<png_byte>(200 - i), static_cast<png_byte>(i * 7)});
    std::vector<std::uint8_t> idx(w * h);
    for (int i = 0; i < w * h; ++i) idx[i] = static_cast<std::uint8_t>(i % 4);
    write_png(tmp.path() / "p.png", w, h, PNG_COLOR_TYPE_PALETTE, 8, idx, palette, {0, 128, 255, 10});
    const RgbImage img = load_image(tmp.path() / "p.png");
    for (int i = 0; i < w * h; ++i) {
      REQUIRE(img.pixels[i * 3 + 0] == palette[i % 4].red);
      REQUIRE(img.pixels[i * 3 + 1] == palette[i % 4].green);
      REQUIRE(img.pixels[i * 3 + 2] == palette[i % 4].blue);
    }
  }
  SECTION("16-bit RGB: the high byte") {
    std::vector<std::uint8_t> rgb16;
    for (std::uint8_t v : rgb) rgb16.insert(rgb16.end(), {v, static_cast<std::uint8_t>(255 - v)});
    write_png(tmp.path() / "c16.png", w, h, PNG_COLOR_TYPE_RGB, 16, rgb16);
    CHECK(load_image(tmp.path() / "c16.png").pixels == rgb);
  }
  SECTION("16-bit gray: PIL mode I, clipped to 255 by convert('RGB')") {
    const std::vector<std::uint16_t> values = {0, 7, 255, 256, 1000, 65535};
    std::vector<std::uint8_t> g16;
    for (auto v : values) g16.insert(g16.end(), {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v & 255)});
    write_png(tmp.path() / "g16.png", 6, 1, PNG_COLOR_TYPE_GRAY, 16, g16);
    const RgbImage img = load_image(tmp.path() / "g16.png");
    const std::vector<int> expect = {0, 7, 255, 255, 255, 255};
    for (int i = 0; i < 6; ++i) CHECK(img.pixels[i * 3] == expect[i]);
  }
  SECTION("1-bit gray expands to 0 / 255") {
    write_png(tmp.path() / "g1.png", 8, 1, PNG_COLOR_TYPE_GRAY, 1, {0b10100000});
    const RgbImage img = load_image(tmp.path() / "g1.png");
    CHECK(img.pixels[0] == 255);
    CHECK(img.pixels[3] == 0);
    CHECK(img.pixels[6] == 255);
    CHECK(img.pixels[9] == 0);
  }
}

TEST_CASE("JPEG decodes through libjpeg (RGB and gray)", "[preprocess][image]") {
  test::TempDir tmp;
  const int w = 16, h = 8;
  std::vector<std::uint8_t> rgb(w * h * 3), gray(w * h);
  for (int i = 0; i < w * h; ++i) {
    gray[i] = static_cast<std::uint8_t>(i * 2);
    for (int c = 0; c < 3; ++c) rgb[i * 3 + c] = static_cast<std::uint8_t>(40 + c * 60 + (i % w) * 4);
  }
  write_jpeg(tmp.path() / "c.jpg", w, h, 3, rgb);
  write_jpeg(tmp.path() / "g.jpg", w, h, 1, gray);
  const RgbImage c = load_image(tmp.path() / "c.jpg");
  REQUIRE(c.width == w);
  REQUIRE(c.height == h);
  int worst = 0;
  for (std::size_t i = 0; i < rgb.size(); ++i) worst = std::max(worst, std::abs(int(c.pixels[i]) - int(rgb[i])));
  CHECK(worst <= 6);  // quality 100 JPEG round trip
  const RgbImage g = load_image(tmp.path() / "g.jpg");
  for (int i = 0; i < w * h; ++i) {
    REQUIRE(g.pixels[i * 3] == g.pixels[i * 3 + 1]);
    REQUIRE(std::abs(int(g.pixels[i * 3]) - int(gray[i])) <= 3);
  }

  // A JPEG cut in half is refused, as PIL refuses truncated images.
  auto bytes = read_bytes(tmp.path() / "c.jpg");
  bytes.resize(bytes.size() / 2);
  write_bytes(tmp.path() / "cut.jpg", bytes);
  require_error_mentioning([&] { load_image(tmp.path() / "cut.jpg"); }, "cut.jpg");
}

TEST_CASE("bad image files give an Error naming the file", "[preprocess][image][errors]") {
  test::TempDir tmp;
  auto png = read_bytes(test::fixture("models/vit_imgcls/image_0.png"));
  SECTION("truncated PNG") {
    for (std::size_t keep : {std::size_t(12), std::size_t(40), png.size() / 2, png.size() - 20}) {
      std::vector<std::uint8_t> cut(png.begin(), png.begin() + static_cast<long>(keep));
      write_bytes(tmp.path() / "truncated.png", cut);
      require_error_mentioning([&] { load_image(tmp.path() / "truncated.png"); }, "truncated.png");
    }
  }
  SECTION("corrupted PNG data (CRC)") {
    const std::string text(png.begin(), png.end());
    const std::size_t idat = text.find("IDAT");
    REQUIRE(idat != std::string::npos);
    png[idat + 6] ^= 0xFF;  // inside the compressed data: the chunk CRC no longer matches
    write_bytes(tmp.path() / "corrupt.png", png);
    require_error_mentioning([&] { load_image(tmp.path() / "corrupt.png"); }, "corrupt.png");
  }
  SECTION("not an image") {
    std::ofstream(tmp.path() / "notes.png") << "this is plain text, not a picture\n";
    require_error_mentioning([&] { load_image(tmp.path() / "notes.png"); }, "notes.png");
    require_error_mentioning([&] { load_image(tmp.path() / "notes.png"); }, "not a PNG or JPEG");
  }
  SECTION("empty and missing files") {
    std::ofstream(tmp.path() / "empty.png").close();
    require_error_mentioning([&] { load_image(tmp.path() / "empty.png"); }, "empty.png");
    require_error_mentioning([&] { load_image(tmp.path() / "missing.png"); }, "missing.png");
  }
}
