#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "runtime/core/error.h"
#include "runtime/core/tensor.h"

using namespace autoclass;

TEST_CASE("half and bfloat16 conversions round-trip and round to nearest even") {
  for (float v : {0.0f, -0.0f, 1.0f, -2.5f, 65504.0f, 6.1035156e-05f, 5.9604645e-08f, 0.333251953125f}) {
    CHECK(f16_to_f32(f32_to_f16(v)) == v);
  }
  CHECK(std::isinf(f16_to_f32(f32_to_f16(1e6f))));
  CHECK(std::isnan(f16_to_f32(f32_to_f16(std::numeric_limits<float>::quiet_NaN()))));
  CHECK(bf16_to_f32(f32_to_bf16(1.0f)) == 1.0f);
  CHECK(bf16_to_f32(f32_to_bf16(3.140625f)) == 3.140625f);
  // 1 + 2^-8 is exactly half-way between two bf16 values: ties go to the even one (1.0).
  CHECK(bf16_to_f32(f32_to_bf16(1.00390625f)) == 1.0f);
  CHECK(bf16_to_f32(f32_to_bf16(1.01171875f)) == 1.015625f);
}

TEST_CASE("tensors convert between dtypes and refuse bad shapes") {
  Tensor t = Tensor::from_vector<float>({2, 2}, {1.5f, -2.0f, 3.25f, 0.0f});
  const Tensor b = t.to(DType::kBF16);
  CHECK(b.dtype() == DType::kBF16);
  const Tensor back = b.to(DType::kF32);
  CHECK(back.data<float>()[2] == 3.25f);
  CHECK(t.to(DType::kI64).data<std::int64_t>()[1] == -2);
  CHECK(t.reshaped({4}).dim(0) == 4);
  CHECK_THROWS_AS(t.reshaped({3}), Error);
  CHECK_THROWS_AS(Tensor(DType::kF32, {-1, 2}), Error);
  CHECK_THROWS_AS(shape_numel({1LL << 40, 1LL << 40}), Error);
  CHECK_THROWS_AS(t.data<std::int64_t>(), Error);
  CHECK(t.dim(-1) == 2);
  CHECK_THROWS_AS(t.dim(2), Error);
}
