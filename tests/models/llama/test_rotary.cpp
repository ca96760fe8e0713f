// RotaryEmbedding's rope_scaling variants (modeling_rope_utils.py): the properties each one defines.
// linear and llama3 are also covered end to end by the llama_rope_* fixtures.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/blocks/rotary_embedding.h"
#include "runtime/core/error.h"

using namespace autoclass;
using blocks::RotaryEmbedding;

namespace {
RotaryEmbedding rope(Json scaling, double partial = 1.0) {
  Json c{{"model_type", "llama"}, {"rope_theta", 10000.0}, {"max_position_embeddings", 64}, {"partial_rotary_factor", partial}};
  c["rope_scaling"] = std::move(scaling);
  return RotaryEmbedding::from_config(JsonConfigView(c), 16);
}
}  // namespace

TEST_CASE("rope default frequencies are 1 / theta^(2i/d)", "[rope]") {
  const auto f = rope(nullptr).inv_freq(10);
  REQUIRE(f.size() == 8);
  for (int i = 0; i < 8; ++i) CHECK(f[i] == Approx(1.0 / std::pow(10000.0, 2.0 * i / 16)).epsilon(1e-6));
}

TEST_CASE("rope linear divides every frequency by factor", "[rope]") {
  const auto base = rope(nullptr).inv_freq(10), lin = rope({{"type", "linear"}, {"factor", 4.0}}).inv_freq(10);
  for (int i = 0; i < 8; ++i) CHECK(lin[i] == Approx(base[i] / 4).epsilon(1e-6));
}

TEST_CASE("rope dynamic NTK changes nothing up to max_position_embeddings, then raises the base", "[rope]") {
  const auto base = rope(nullptr).inv_freq(64);
  const auto r = rope({{"rope_type", "dynamic"}, {"factor", 2.0}});
  CHECK(r.inv_freq(64) == base);
  const auto grown = r.inv_freq(128);
  // base' = theta · (factor·len/max − (factor−1))^(d/(d−2)) = theta · 3^(16/14)
  const double new_base = 10000.0 * std::pow(3.0, 16.0 / 14.0);
  for (int i = 0; i < 8; ++i) CHECK(grown[i] == Approx(1.0 / std::pow(new_base, 2.0 * i / 16)).epsilon(1e-5));
}

TEST_CASE("rope llama3 keeps high frequencies, divides low ones by factor", "[rope]") {
  const auto base = rope(nullptr).inv_freq(10);
  const auto r = rope({{"rope_type", "llama3"}, {"factor", 8.0}, {"low_freq_factor", 1.0}, {"high_freq_factor", 4.0},
                       {"original_max_position_embeddings", 64}})
                     .inv_freq(10);
  CHECK(r[0] == base[0]);              // wavelength 2π < 64/4
  CHECK(r[7] == Approx(base[7] / 8));  // wavelength ≈ 2π·10^3.5 > 64
}

TEST_CASE("rope yarn scales cos/sin by its attention factor and interpolates low frequencies", "[rope]") {
  const auto r = rope({{"rope_type", "yarn"}, {"factor", 4.0}, {"original_max_position_embeddings", 64}});
  const std::int64_t pos[] = {0, 5};
  const auto t = r.table(pos, 2);
  CHECK(t.cos[0] == Approx(0.1 * std::log(4.0) + 1.0));
  const auto base = rope(nullptr).inv_freq(10), f = r.inv_freq(10);
  CHECK(f[0] == Approx(base[0]));      // fastest: extrapolated (unchanged)
  CHECK(f[7] == Approx(base[7] / 4));  // slowest: interpolated
}

TEST_CASE("rope partial_rotary_factor rotates only the first dimensions", "[rope]") {
  const auto r = rope(nullptr, 0.5);
  CHECK(r.rotary_dim() == 8);
  const std::int64_t pos[] = {3};
  const auto t = r.table(pos, 1);
  std::vector<float> x(16, 1.0f);
  RotaryEmbedding::apply(t, 0, x.data(), 1, 16);
  for (int i = 8; i < 16; ++i) CHECK(x[i] == 1.0f);
  CHECK(x[0] != 1.0f);
}

TEST_CASE("rope rejects unknown types and malformed scaling", "[rope]") {
  CHECK_THROWS_WITH(rope({{"rope_type", "longrope"}}), Catch::Contains("longrope"));
  CHECK_THROWS_AS(rope({{"factor", 2.0}}), Error);
  CHECK_THROWS_AS(rope({{"rope_type", "linear"}, {"factor", "big"}}), Error);
}

TEST_CASE("rope reads transformers 5's rope_parameters", "[rope]") {
  const Json c{{"model_type", "llama"}, {"max_position_embeddings", 64},
               {"rope_parameters", {{"rope_type", "linear"}, {"rope_theta", 500000.0}, {"factor", 2.0}}}};
  const auto f = RotaryEmbedding::from_config(JsonConfigView(c), 16).inv_freq(10);
  CHECK(f[1] == Approx(1.0 / std::pow(500000.0, 2.0 / 16) / 2).epsilon(1e-6));
}
