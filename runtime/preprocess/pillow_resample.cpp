// Pillow 9.x libImaging/Resample.c semantics (facts only, own code): separable convolution, horizontal
// pass first; per output pixel the filter is centred at (i + 0.5) * in/out and, when downscaling,
// widened by in/out (antialiasing); weights normalised to sum 1 in double, then turned into 22-bit
// fixed point; each pass accumulates ints from 2^21 and shifts/clips back to uint8.
// NEAREST follows ImagingScaleAffine: source = floor(x0 + (i + 0.5) * in/out), accumulated in double.
#include "runtime/preprocess/pillow_resample.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "runtime/core/error.h"

namespace autoclass {
namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;

double box_filter(double x) { return (x > -0.5 && x <= 0.5) ? 1.0 : 0.0; }
double bilinear_filter(double x) {
  x = std::fabs(x);
  return x < 1.0 ? 1.0 - x : 0.0;
}
double hamming_filter(double x) {
  x = std::fabs(x);
  if (x == 0.0) return 1.0;
  if (x >= 1.0) return 0.0;
  x *= M_PI;
  return std::sin(x) / x * (0.54f + 0.46f * std::cos(x));  // Pillow uses float constants here
}
double bicubic_filter(double x) {
  constexpr double a = -0.5;
  x = std::fabs(x);
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
  return 0.0;
}
double sinc(double x) {
  if (x == 0.0) return 1.0;
  x *= M_PI;
  return std::sin(x) / x;
}
double lanczos_filter(double x) { return (-3.0 <= x && x < 3.0) ? sinc(x) * sinc(x / 3) : 0.0; }

struct Filter {
  double (*fn)(double);
  double support;
};

Filter filter_for(PilResample r) {
  switch (r) {
    case PilResample::kBox: return {box_filter, 0.5};
    case PilResample::kBilinear: return {bilinear_filter, 1.0};
    case PilResample::kHamming: return {hamming_filter, 1.0};
    case PilResample::kBicubic: return {bicubic_filter, 2.0};
    case PilResample::kLanczos: return {lanczos_filter, 3.0};
    case PilResample::kNearest: break;
  }
  throw Error(ErrorKind::kInternal, "no convolution filter for NEAREST");
}

// Fixed-point taps for every output position along one axis.
struct Taps {
  int ksize = 0;
  std::vector<int> first;   // first input index per output
  std::vector<int> count;   // number of taps per output
  std::vector<int> weight;  // [out][ksize], 22-bit fixed point
};

Taps compute_taps(int in_size, int out_size, const Filter& filter) {
  const double scale = static_cast<double>(in_size) / out_size;
  const double filterscale = std::max(scale, 1.0);
  const double support = filter.support * filterscale;
  Taps taps;
  taps.ksize = static_cast<int>(std::ceil(support)) * 2 + 1;
  taps.first.resize(out_size);
  taps.count.resize(out_size);
  taps.weight.assign(static_cast<std::size_t>(out_size) * taps.ksize, 0);
  std::vector<double> k(taps.ksize);
  for (int xx = 0; xx < out_size; ++xx) {
    const double center = (xx + 0.5) * scale;
    const double ss = 1.0 / filterscale;
    int xmin = static_cast<int>(center - support + 0.5);  // C cast truncation, as in Pillow
    if (xmin < 0) xmin = 0;
    int xmax = static_cast<int>(center + support + 0.5);
    if (xmax > in_size) xmax = in_size;
    xmax -= xmin;
    double ww = 0.0;
    for (int x = 0; x < xmax; ++x) {
      const double w = filter.fn((x + xmin - center + 0.5) * ss);
      k[x] = w;
      ww += w;
    }
    for (int x = 0; x < xmax; ++x) {
      if (ww != 0.0) k[x] /= ww;
      const double scaled = k[x] * (1 << kPrecisionBits);
      taps.weight[static_cast<std::size_t>(xx) * taps.ksize + x] =
          static_cast<int>(k[x] < 0 ? -0.5 + scaled : 0.5 + scaled);
    }
    taps.first[xx] = xmin;
    taps.count[xx] = xmax;
  }
  return taps;
}

std::uint8_t clip8(int acc) {
  const int v = acc >> kPrecisionBits;  // arithmetic shift, as Pillow's lookup table index
  return static_cast<std::uint8_t>(v < 0 ? 0 : (v > 255 ? 255 : v));
}

RgbImage resample_horizontal(const RgbImage& in, int out_width, const Filter& filter) {
  const Taps taps = compute_taps(in.width, out_width, filter);
  RgbImage out{out_width, in.height, std::vector<std::uint8_t>(static_cast<std::size_t>(out_width) * in.height * 3)};
  for (int y = 0; y < in.height; ++y) {
    const std::uint8_t* row = in.pixels.data() + static_cast<std::size_t>(y) * in.width * 3;
    std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(y) * out_width * 3;
    for (int xx = 0; xx < out_width; ++xx) {
      const int* k = taps.weight.data() + static_cast<std::size_t>(xx) * taps.ksize;
      for (int c = 0; c < 3; ++c) {
        int acc = 1 << (kPrecisionBits - 1);
        for (int x = 0; x < taps.count[xx]; ++x) acc += row[(x + taps.first[xx]) * 3 + c] * k[x];
        dst[xx * 3 + c] = clip8(acc);
      }
    }
  }
  return out;
}

RgbImage resample_vertical(const RgbImage& in, int out_height, const Filter& filter) {
  const Taps taps = compute_taps(in.height, out_height, filter);
  const std::size_t stride = static_cast<std::size_t>(in.width) * 3;
  RgbImage out{in.width, out_height, std::vector<std::uint8_t>(stride * out_height)};
  for (int yy = 0; yy < out_height; ++yy) {
    const int* k = taps.weight.data() + static_cast<std::size_t>(yy) * taps.ksize;
    std::uint8_t* dst = out.pixels.data() + yy * stride;
    for (std::size_t i = 0; i < stride; ++i) {
      int acc = 1 << (kPrecisionBits - 1);
      for (int y = 0; y < taps.count[yy]; ++y) acc += in.pixels[(y + taps.first[yy]) * stride + i] * k[y];
      dst[i] = clip8(acc);
    }
  }
  return out;
}

std::vector<int> nearest_sources(int in_size, int out_size) {
  const double step = static_cast<double>(in_size) / out_size;
  std::vector<int> src(out_size);
  double pos = step * 0.5;
  for (int i = 0; i < out_size; ++i, pos += step) src[i] = std::min(pos < 0.0 ? 0 : static_cast<int>(pos), in_size - 1);
  return src;
}

RgbImage resize_nearest(const RgbImage& in, int width, int height) {
  const std::vector<int> xs = nearest_sources(in.width, width), ys = nearest_sources(in.height, height);
  RgbImage out{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3)};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c) out.pixels[(static_cast<std::size_t>(y) * width + x) * 3 + c] = in.at(ys[y], xs[x], c);
  return out;
}

}  // namespace

PilResample pil_resample_from_int(long long value, const std::string& origin) {
  if (value < 0 || value > 5)
    throw Error(ErrorKind::kUnsupported, origin + ": resample " + std::to_string(value) +
                                             " is not a PIL resampling filter (0 NEAREST .. 5 HAMMING)");
  return static_cast<PilResample>(value);
}

RgbImage pillow_resize(const RgbImage& image, int width, int height, PilResample resample) {
  if (width <= 0 || height <= 0)
    throw Error(ErrorKind::kInvalidArgument, "resize to " + std::to_string(width) + "x" + std::to_string(height) +
                                                 ": size must be positive");
  if (image.width <= 0 || image.height <= 0) throw Error(ErrorKind::kInvalidArgument, "resize of an empty image");
  if (width == image.width && height == image.height) return image;
  if (resample == PilResample::kNearest) return resize_nearest(image, width, height);
  const Filter filter = filter_for(resample);
  RgbImage current = image;
  if (width != image.width) current = resample_horizontal(current, width, filter);
  if (height != image.height) current = resample_vertical(current, height, filter);
  return current;
}

RgbImage pillow_crop(const RgbImage& image, int left, int top, int width, int height) {
  if (width <= 0 || height <= 0) throw Error(ErrorKind::kInvalidArgument, "crop to an empty size");
  RgbImage out{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3, 0)};
  for (int y = 0; y < height; ++y) {
    const int sy = y + top;
    if (sy < 0 || sy >= image.height) continue;
    for (int x = 0; x < width; ++x) {
      const int sx = x + left;
      if (sx < 0 || sx >= image.width) continue;
      for (int c = 0; c < 3; ++c) out.pixels[(static_cast<std::size_t>(y) * width + x) * 3 + c] = image.at(sy, sx, c);
    }
  }
  return out;
}

}  // namespace autoclass
