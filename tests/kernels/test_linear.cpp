// LinearWeight against a double reference: many shapes (odd sizes, rows = 1, panel tails), leading
// dims, bias, bf16 weights, fused activations, thread counts, and the portable (OpenBLAS) path.
#include <catch2/catch.hpp>

#include <cstdio>

#include "runtime/core/error.h"
#include "runtime/kernels/cpu_features.h"
#include "runtime/kernels/linear.h"
#include "tests/kernels/reference.h"

using namespace autoclass;
using autoclass::kernels::Activation;
using autoclass::kernels::LinearWeight;
using autoclass::kernels::WeightPrecision;

namespace {

// bf16 rounding of every weight, so the reference sees exactly the weights the kernel uses.
std::vector<float> bf16_rounded(const std::vector<float>& w) {
  std::vector<float> r(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) r[i] = bf16_to_f32(f32_to_bf16(w[i]));
  return r;
}

// Runs one case and returns the worst error relative to the per-element scale Σ|x||w| (+|b|).
double linear_case(std::int64_t rows, std::int64_t in, std::int64_t out, WeightPrecision prec, bool bias,
                   std::int64_t pad_x = 0, std::int64_t pad_y = 0, Activation act = Activation::kNone) {
  const std::int64_t ldx = in + pad_x, ldy = out + pad_y;
  std::vector<float> w = test::random_floats(static_cast<std::size_t>(out * in), 11 + static_cast<unsigned>(in));
  std::vector<float> b = test::random_floats(static_cast<std::size_t>(out), 12);
  std::vector<float> x = test::random_floats(static_cast<std::size_t>(rows * ldx), 13 + static_cast<unsigned>(rows));
  const Tensor wt = Tensor::from_vector<float>({out, in}, w);
  const Tensor bt = bias ? Tensor::from_vector<float>({out}, b) : Tensor();
  LinearWeight lw(wt, bt, prec);
  std::vector<float> y(static_cast<std::size_t>(rows * ldy), 777.0f);
  lw.forward(x.data(), rows, y.data(), act, ldx, ldy);

  const std::vector<float> wr = prec != WeightPrecision::kF32 ? bf16_rounded(w) : w;
  // kBF16Dot also rounds the activations (when the CPU has vdpbf16ps and the SIMD path is on).
  const bool dot = prec == WeightPrecision::kBF16Dot && kernels::cpu_has_avx512_bf16() &&
                   std::string(kernels::backend_name()) == "avx512";
  const std::vector<float> xr = dot ? bf16_rounded(x) : x;
  const test::RefGemm ref = test::ref_gemm(xr.data(), wr.data(), nullptr, rows, out, in, true, 1.0, 0.0, ldx, in, out);
  double worst = 0;
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::int64_t o = 0; o < out; ++o) {
      double v = ref.value[r * out + o] + (bias ? b[o] : 0.0);
      double scale = ref.scale[r * out + o] + (bias ? std::abs(b[o]) : 0.0) + 1e-30;
      if (act == Activation::kGelu) v = test::gelu_ref(v);
      if (act == Activation::kGeluTanh) v = test::gelu_tanh_ref(v);
      if (act == Activation::kRelu) v = v > 0 ? v : 0;
      const double err = std::abs(static_cast<double>(y[r * ldy + o]) - v) / scale;
      worst = std::max(worst, err);
    }
    for (std::int64_t o = out; o < ldy; ++o) REQUIRE(y[r * ldy + o] == 777.0f);  // padding untouched
  }
  return worst;
}

const std::int64_t kRows[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 128, 261};
const std::int64_t kShapes[][2] = {{1, 1}, {3, 5}, {17, 47}, {64, 48}, {63, 49}, {191, 96}, {193, 100},
                                   {384, 130}, {768, 300}, {385, 97}};

}  // namespace

TEST_CASE("linear f32 matches a double reference over many shapes", "[kernels][linear]") {
  INFO("backend " << kernels::backend_name());
  for (auto rows : kRows)
    for (auto& s : kShapes)
      for (bool bias : {false, true}) {
        INFO("rows " << rows << " in " << s[0] << " out " << s[1] << " bias " << bias);
        CHECK(linear_case(rows, s[0], s[1], WeightPrecision::kF32, bias) < 1e-6);
      }
}

TEST_CASE("linear f32 is accurate for K up to 4096", "[kernels][linear]") {
  for (std::int64_t k : {1024, 3072, 4096, 4097})
    for (std::int64_t rows : {1, 3, 8, 40}) {
      INFO("rows " << rows << " K " << k);
      CHECK(linear_case(rows, k, 200, WeightPrecision::kF32, true) < 1e-5);
      CHECK(linear_case(rows, k - 1, 60, WeightPrecision::kBF16, true) < 1e-5);  // odd K, several K blocks
      CHECK(linear_case(rows, k - 1, 60, WeightPrecision::kBF16Dot, true) < 1e-5);
    }
}

TEST_CASE("linear bf16 weights compute exactly on the bf16-rounded weights", "[kernels][linear][bf16]") {
  for (auto rows : {1, 2, 4, 5, 8, 9, 33, 128})
    for (auto& s : kShapes) {
      INFO("rows " << rows << " in " << s[0] << " out " << s[1]);
      CHECK(linear_case(rows, s[0], s[1], WeightPrecision::kBF16, true) < 1e-6);
    }
  CHECK(linear_case(3, 4095, 100, WeightPrecision::kBF16, true) < 1e-5);
}

TEST_CASE("linear bf16 dot (vdpbf16ps) computes exactly on bf16-rounded weights and activations",
          "[kernels][linear][bf16]") {
  for (auto rows : {1, 2, 5, 8, 9, 33, 128})
    for (auto& s : kShapes) {
      INFO("rows " << rows << " in " << s[0] << " out " << s[1]);
      CHECK(linear_case(rows, s[0], s[1], WeightPrecision::kBF16Dot, true) < 1e-6);
    }
  CHECK(linear_case(20, 4095, 100, WeightPrecision::kBF16Dot, true) < 1e-5);
}

TEST_CASE("linear leading dimensions and untouched padding", "[kernels][linear]") {
  for (auto prec : {WeightPrecision::kF32, WeightPrecision::kBF16, WeightPrecision::kBF16Dot})
    for (auto rows : {1, 6, 19}) {
      CHECK(linear_case(rows, 100, 70, prec, true, 5, 3) < 1e-6);
      CHECK(linear_case(rows, 768, 96, prec, false, 64, 32) < 1e-6);
    }
}

TEST_CASE("linear fused activations", "[kernels][linear][activation]") {
  for (auto act : {Activation::kGelu, Activation::kGeluTanh, Activation::kRelu})
    for (auto rows : {1, 9, 64})
      for (auto prec : {WeightPrecision::kF32, WeightPrecision::kBF16, WeightPrecision::kBF16Dot}) {
        INFO("act " << static_cast<int>(act) << " rows " << rows);
        CHECK(linear_case(rows, 300, 100, prec, true, 0, 0, act) < 2e-6);
        CHECK(linear_case(rows, 1000, 50, prec, true, 0, 0, act) < 2e-6);  // several K blocks
      }
}

TEST_CASE("linear results do not depend on the thread count", "[kernels][linear][threads]") {
  const int saved = kernels::num_threads();
  const std::int64_t rows = 70, in = 500, out = 900;
  const Tensor w = Tensor::from_vector<float>({out, in}, test::random_floats(out * in, 3));
  const Tensor x = Tensor::from_vector<float>({rows, in}, test::random_floats(rows * in, 4));
  for (auto prec : {WeightPrecision::kF32, WeightPrecision::kBF16, WeightPrecision::kBF16Dot}) {
    LinearWeight lw(w, Tensor(), prec);
    kernels::set_num_threads(1);
    const Tensor y1 = lw.forward(x);
    kernels::set_num_threads(2);
    const Tensor y2 = lw.forward(x);
    kernels::set_num_threads(3);  // more threads than cores still splits correctly
    const Tensor y3 = lw.forward(x);
    // Our kernels split work without changing any sum, so they are bitwise stable; OpenBLAS may not be.
    // (OpenBLAS differs by ~1e-5 here, where the error scale Σ|x||w| is ~125.)
    const double tol = std::string(kernels::backend_name()) == "avx512" ? 0.0 : 1e-4;
    for (std::int64_t i = 0; i < y1.numel(); ++i) {
      const double v = y1.data<float>()[i];
      REQUIRE(std::abs(v - y2.data<float>()[i]) <= tol);
      REQUIRE(std::abs(v - y3.data<float>()[i]) <= tol);
    }
  }
  kernels::set_num_threads(saved);
}

TEST_CASE("linear weight() round-trips and from_transposed transposes", "[kernels][linear]") {
  const std::int64_t in = 77, out = 101;
  const std::vector<float> w = test::random_floats(out * in, 5);
  const Tensor wt = Tensor::from_vector<float>({out, in}, w);
  LinearWeight f32(wt, Tensor());
  const Tensor back = f32.weight();
  REQUIRE(back.shape() == Shape{out, in});
  for (std::int64_t i = 0; i < out * in; ++i) REQUIRE(back.data<float>()[i] == w[i]);
  LinearWeight b16(wt, Tensor(), WeightPrecision::kBF16);
  const Tensor back16 = b16.weight();
  REQUIRE(back16.dtype() == DType::kBF16);
  const auto* bits = static_cast<const std::uint16_t*>(back16.raw());
  for (std::int64_t i = 0; i < out * in; ++i) REQUIRE(bits[i] == f32_to_bf16(w[i]));
  // A bf16 checkpoint tensor packs to the same weights as rounding an f32 one (odd K: last pair padded).
  LinearWeight from16(wt.to(DType::kBF16), Tensor(), WeightPrecision::kBF16);
  const Tensor again = from16.weight();
  const auto* bits2 = static_cast<const std::uint16_t*>(again.raw());
  for (std::int64_t i = 0; i < out * in; ++i) REQUIRE(bits2[i] == bits[i]);

  // Conv1D stores [in, out].
  std::vector<float> wio(static_cast<std::size_t>(in * out));
  for (std::int64_t o = 0; o < out; ++o)
    for (std::int64_t i = 0; i < in; ++i) wio[i * out + o] = w[o * in + i];
  LinearWeight conv = LinearWeight::from_transposed(Tensor::from_vector<float>({in, out}, wio), Tensor());
  const Tensor x = Tensor::from_vector<float>({2, in}, test::random_floats(2 * in, 6));
  const Tensor y1 = f32.forward(x), y2 = conv.forward(x);
  for (std::int64_t i = 0; i < y1.numel(); ++i) REQUIRE(y1.data<float>()[i] == y2.data<float>()[i]);
}

TEST_CASE("linear portable path agrees with the SIMD path", "[kernels][linear][portable]") {
  const std::int64_t rows = 9, in = 200, out = 130;
  const std::vector<float> w = test::random_floats(out * in, 7), b = test::random_floats(out, 8);
  const Tensor x = Tensor::from_vector<float>({rows, in}, test::random_floats(rows * in, 9));
  for (auto prec : {WeightPrecision::kF32, WeightPrecision::kBF16, WeightPrecision::kBF16Dot})
    for (auto act : {Activation::kNone, Activation::kGelu}) {
      LinearWeight fast(Tensor::from_vector<float>({out, in}, w), Tensor::from_vector<float>({out}, b), prec);
      kernels::set_simd_enabled(false);
      REQUIRE(std::string(kernels::backend_name()) == "portable");
      LinearWeight portable(Tensor::from_vector<float>({out, in}, w), Tensor::from_vector<float>({out}, b), prec);
      const Tensor y1 = fast.forward(x, act), y2 = portable.forward(x, act);
      const Tensor one = Tensor::from_vector<float>({1, in}, std::vector<float>(x.data<float>(), x.data<float>() + in));
      const Tensor y3 = portable.forward(one, act);
      kernels::set_simd_enabled(true);
      // kBF16Dot also rounds activations on the SIMD path (|x|,|w| <= 1, K = 200: error << 0.25).
      const double tol = prec == WeightPrecision::kBF16Dot ? 0.25 : 1e-4;
      for (std::int64_t i = 0; i < y1.numel(); ++i) REQUIRE(std::abs(y1.data<float>()[i] - y2.data<float>()[i]) < tol);
      for (std::int64_t i = 0; i < out; ++i) REQUIRE(std::abs(y1.data<float>()[i] - y3.data<float>()[i]) < tol);
    }
}

TEST_CASE("linear bf16 accuracy versus f32 on a 768x3072 layer", "[kernels][linear][bf16]") {
  const std::int64_t rows = 16, in = 768, out = 3072;
  // BERT-like magnitudes: weights ~N(0, 0.02), activations ~N(0, 1).
  std::mt19937 rng(42);
  std::normal_distribution<float> wd(0.0f, 0.02f), xd(0.0f, 1.0f);
  std::vector<float> w(static_cast<std::size_t>(out * in)), x(static_cast<std::size_t>(rows * in));
  for (auto& v : w) v = wd(rng);
  for (auto& v : x) v = xd(rng);
  const Tensor wt = Tensor::from_vector<float>({out, in}, w);
  const Tensor xt = Tensor::from_vector<float>({rows, in}, x);
  const Tensor y32 = LinearWeight(wt, Tensor(), WeightPrecision::kF32).forward(xt);
  for (auto prec : {WeightPrecision::kBF16, WeightPrecision::kBF16Dot}) {
    const Tensor y16 = LinearWeight(wt, Tensor(), prec).forward(xt);
    double max_abs = 0, max_ref = 0, sq_err = 0, sq_ref = 0;
    for (std::int64_t i = 0; i < y32.numel(); ++i) {
      const double d = y16.data<float>()[i] - y32.data<float>()[i];
      max_abs = std::max(max_abs, std::abs(d));
      max_ref = std::max(max_ref, std::abs(static_cast<double>(y32.data<float>()[i])));
      sq_err += d * d;
      sq_ref += static_cast<double>(y32.data<float>()[i]) * y32.data<float>()[i];
    }
    const double rel_rms = std::sqrt(sq_err / sq_ref);
    std::printf("%s vs f32, 768x3072, x~N(0,1), w~N(0,0.02): max|dy| %.3g (max|y| %.3g), relative RMS %.3g\n",
                prec == WeightPrecision::kBF16 ? "bf16 weights        " : "bf16 weights+activ.", max_abs, max_ref, rel_rms);
    CHECK(rel_rms < 1e-2);  // bf16 keeps 8 mantissa bits: ~2^-9 per rounding, averaged over K
    CHECK(rel_rms > 1e-5);  // and the weights really were rounded
  }
}

TEST_CASE("linear rejects bad shapes with a clear error", "[kernels][linear][errors]") {
  const Tensor w = Tensor::from_vector<float>({3, 4}, std::vector<float>(12, 1.0f));
  CHECK_THROWS_AS(LinearWeight(Tensor::from_vector<float>({12}, std::vector<float>(12, 1.0f)), Tensor()), Error);
  CHECK_THROWS_AS(LinearWeight(w, Tensor::from_vector<float>({4}, std::vector<float>(4, 1.0f))), Error);
  LinearWeight lw(w, Tensor());
  CHECK_THROWS_AS(lw.forward(Tensor::from_vector<float>({2, 5}, std::vector<float>(10, 1.0f))), Error);
  std::vector<float> x(8, 1.0f), y(6, 0.0f);
  CHECK_THROWS_AS(lw.forward(x.data(), 2, y.data(), 2, 0), Error);
  lw.forward(x.data(), 0, y.data());  // zero rows is a no-op
}
