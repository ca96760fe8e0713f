// gemm() / gemm_batched() against a double reference: both B layouts, alpha/beta, leading dims, K = 0.
#include <catch2/catch.hpp>

#include "runtime/kernels/linear.h"
#include "tests/kernels/reference.h"

using namespace autoclass;

namespace {

double gemm_case(std::int64_t m, std::int64_t n, std::int64_t k, bool bt, float alpha, float beta, std::int64_t pad) {
  const std::int64_t lda = k + pad, ldb = (bt ? k : n) + pad, ldc = n + pad;
  const std::int64_t brows = bt ? n : k;
  std::vector<float> a = test::random_floats(static_cast<std::size_t>(m * lda), 21);
  std::vector<float> b = test::random_floats(static_cast<std::size_t>(brows * ldb), 22);
  std::vector<float> c = test::random_floats(static_cast<std::size_t>(m * ldc), 23);
  const std::vector<float> c0 = c;
  kernels::gemm(a.data(), b.data(), c.data(), m, n, k, bt, alpha, beta, pad ? lda : 0, pad ? ldb : 0, pad ? ldc : 0);
  const test::RefGemm ref = test::ref_gemm(a.data(), b.data(), c0.data(), m, n, k, bt, alpha, beta, lda, ldb, ldc);
  double worst = 0;
  for (std::int64_t i = 0; i < m; ++i) {
    for (std::int64_t j = 0; j < n; ++j)
      worst = std::max(worst, std::abs(c[i * ldc + j] - ref.value[i * n + j]) / (ref.scale[i * n + j] + 1e-30));
    for (std::int64_t j = n; j < ldc; ++j) REQUIRE(c[i * ldc + j] == c0[i * ldc + j]);
  }
  return worst;
}

}  // namespace

TEST_CASE("gemm matches a double reference", "[kernels][gemm]") {
  const std::int64_t dims[][3] = {{1, 1, 1},   {1, 128, 64},  {128, 128, 64}, {128, 64, 128}, {7, 9, 11},
                                  {33, 47, 5}, {9, 49, 300},  {200, 30, 64},  {3, 1000, 17},  {64, 2, 513},
                                  {2, 3000, 100}, {4, 50, 4096}, {5, 700, 90}};
  for (auto& d : dims)
    for (bool bt : {true, false})
      for (std::int64_t pad : {0, 3}) {
        INFO("m " << d[0] << " n " << d[1] << " k " << d[2] << " bt " << bt << " pad " << pad);
        CHECK(gemm_case(d[0], d[1], d[2], bt, 1.0f, 0.0f, pad) < 1e-6);
        CHECK(gemm_case(d[0], d[1], d[2], bt, 0.125f, 0.0f, pad) < 1e-6);
        CHECK(gemm_case(d[0], d[1], d[2], bt, 1.0f, 1.0f, pad) < 1e-6);
        CHECK(gemm_case(d[0], d[1], d[2], bt, -2.0f, 0.5f, pad) < 1e-6);
      }
}

TEST_CASE("gemm with K = 0 scales C by beta", "[kernels][gemm]") {
  std::vector<float> c = {1, 2, 3, 4}, a(1), b(1);
  kernels::gemm(a.data(), b.data(), c.data(), 2, 2, 0, false, 1.0f, 0.5f);
  CHECK(c == std::vector<float>{0.5f, 1.0f, 1.5f, 2.0f});
  kernels::gemm(a.data(), b.data(), c.data(), 2, 2, 0, true, 1.0f, 0.0f);
  CHECK(c == std::vector<float>{0, 0, 0, 0});
}

TEST_CASE("gemm beta = 0 ignores NaN in C", "[kernels][gemm]") {
  std::vector<float> a = test::random_floats(6, 1), b = test::random_floats(6, 2);
  std::vector<float> c(4, std::nanf(""));
  kernels::gemm(a.data(), b.data(), c.data(), 2, 2, 3, true);
  for (float v : c) CHECK(std::isfinite(v));
}

TEST_CASE("gemm_batched equals one gemm per head", "[kernels][gemm]") {
  const std::int64_t heads = 5, m = 17, n = 23, k = 64;
  for (bool bt : {true, false}) {
    std::vector<float> a = test::random_floats(heads * m * k, 31), b = test::random_floats(heads * n * k, 32);
    std::vector<float> c1(heads * m * n, 0.0f), c2(heads * m * n, 0.0f);
    kernels::gemm_batched(heads, a.data(), m * k, b.data(), n * k, c1.data(), m * n, m, n, k, bt, 0.125f);
    for (std::int64_t h = 0; h < heads; ++h)
      kernels::gemm(a.data() + h * m * k, b.data() + h * n * k, c2.data() + h * m * n, m, n, k, bt, 0.125f);
    CHECK(c1 == c2);
    const test::RefGemm ref = test::ref_gemm(a.data() + 2 * m * k, b.data() + 2 * n * k, nullptr, m, n, k, bt, 0.125, 0.0,
                                             k, bt ? k : n, n);
    for (std::int64_t i = 0; i < m * n; ++i) CHECK(std::abs(c1[2 * m * n + i] - ref.value[i]) <= 1e-6 * ref.scale[i]);
  }
}

TEST_CASE("gemm portable path agrees", "[kernels][gemm][portable]") {
  kernels::set_simd_enabled(false);
  const double err = gemm_case(20, 30, 40, true, 0.5f, 1.0f, 2);
  kernels::set_simd_enabled(true);
  CHECK(err < 1e-6);
}
