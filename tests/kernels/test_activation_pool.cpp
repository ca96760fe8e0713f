// Vectorised activations against double formulas, and the parallel_for thread pool.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "runtime/kernels/linear.h"
#include "runtime/kernels/thread_pool.h"
#include "tests/kernels/reference.h"

using namespace autoclass;
using kernels::Activation;

TEST_CASE("activations match the double formulas", "[kernels][activation]") {
  std::vector<float> x;
  for (int i = -20000; i <= 20000; ++i) x.push_back(static_cast<float>(i) * 0.0007f);  // [-14, 14]
  for (float v : {-100.0f, -30.0f, 30.0f, 100.0f, 1e-30f, -1e-30f, 0.0f}) x.push_back(v);
  for (auto act : {Activation::kGelu, Activation::kGeluTanh, Activation::kRelu}) {
    std::vector<float> y = x;
    kernels::activate(y.data(), static_cast<std::int64_t>(y.size()), act);
    double worst = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double v = x[i];
      const double ref = act == Activation::kGelu ? test::gelu_ref(v) : act == Activation::kGeluTanh ? test::gelu_tanh_ref(v) : (v > 0 ? v : 0);
      worst = std::max(worst, std::abs(y[i] - ref) / (1e-6 + std::abs(ref)));
      REQUIRE(std::isfinite(y[i]));
    }
    INFO("activation " << static_cast<int>(act));
    CHECK(worst < 2e-6);
  }
}

TEST_CASE("parallel_for covers every index once, nested calls run inline", "[kernels][threads]") {
  const int saved = kernels::num_threads();
  for (int threads : {1, 2, 4}) {
    kernels::set_num_threads(threads);
    for (std::int64_t n : {0, 1, 2, 3, 7, 1000}) {
      std::vector<std::atomic<int>> hits(static_cast<std::size_t>(n));
      kernels::parallel_for(n, [&](std::int64_t b, std::int64_t e) {
        for (std::int64_t i = b; i < e; ++i) hits[static_cast<std::size_t>(i)]++;
      });
      for (auto& h : hits) REQUIRE(h.load() == 1);
    }
    std::atomic<long> total{0};
    kernels::parallel_for(4, [&](std::int64_t b, std::int64_t e) {
      for (std::int64_t i = b; i < e; ++i)
        kernels::parallel_for(10, [&](std::int64_t b2, std::int64_t e2) { total += e2 - b2; });
    });
    CHECK(total.load() == 40);
    // An exception in any chunk reaches the caller (and the pool keeps working afterwards).
    CHECK_THROWS_AS(kernels::parallel_for(100, [&](std::int64_t b, std::int64_t e) {
                      if (b <= 77 && 77 < e) throw std::runtime_error("chunk failed");
                    }),
                    std::runtime_error);
    std::atomic<long> after{0};
    kernels::parallel_for(100, [&](std::int64_t b, std::int64_t e) { after += e - b; });
    CHECK(after.load() == 100);
  }
  kernels::set_num_threads(saved);
}
