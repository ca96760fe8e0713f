// save_safetensors: round trip of every dtype, header layout like the reference writer, atomic replace.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>

#include "runtime/core/error.h"
#include "runtime/safetensors/safetensors.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;

namespace {
Tensor filled(DType dtype, Shape shape, int seed) {
  Tensor t(dtype, std::move(shape));
  auto* p = static_cast<unsigned char*>(t.raw_mut());
  for (std::size_t i = 0; i < t.nbytes(); ++i) p[i] = static_cast<unsigned char>((i * 131 + seed * 7) & 0xff);
  return t;
}

bool same_bytes(const Tensor& a, const Tensor& b) {
  return a.dtype() == b.dtype() && a.shape() == b.shape() && a.nbytes() == b.nbytes() &&
         (a.nbytes() == 0 || std::memcmp(a.raw(), b.raw(), a.nbytes()) == 0);
}
}  // namespace

TEST_CASE("round trip of every dtype, odd sizes, scalars and empty tensors") {
  test::TempDir tmp;
  TensorMap tensors;
  int seed = 0;
  for (DType d : {DType::kF32, DType::kF16, DType::kBF16, DType::kF64, DType::kI64, DType::kI32, DType::kI16,
                  DType::kI8, DType::kU8, DType::kBool})
    tensors["t_" + std::string(dtype_name(d))] = filled(d, {3, 5}, ++seed);
  tensors["scalar"] = filled(DType::kF32, {}, 1);
  tensors["empty"] = Tensor(DType::kF32, {0, 4});
  tensors["odd"] = filled(DType::kU8, {7}, 2);
  const fs::path path = tmp.path() / "all.safetensors";
  save_safetensors(path, tensors, {{"format", "pt"}, {"note", "ünïcode \"quoted\""}});

  SafetensorsFile f(path);
  CHECK(f.names().size() == tensors.size());
  for (const auto& [name, t] : tensors) {
    INFO(name);
    CHECK(same_bytes(f.get(name), t));
  }
  CHECK(f.metadata().at("note") == "ünïcode \"quoted\"");
  // Widest dtype first keeps every tensor aligned for zero-copy reads.
  for (const auto& name : f.names()) {
    const auto& e = f.entry(name);
    CHECK(e.begin % dtype_size(e.dtype) == 0);
  }
  for (const auto& entry : fs::directory_iterator(tmp.path())) CHECK(entry.path() == path);  // no temp left over
}

TEST_CASE("header is compact JSON padded with spaces to 8 bytes, metadata first") {
  TensorMap tensors{{"b", filled(DType::kF32, {2}, 1)}, {"a", filled(DType::kF32, {1}, 2)}};
  const std::string bytes = serialize_safetensors(tensors, {{"format", "pt"}});
  std::uint64_t n = 0;
  std::memcpy(&n, bytes.data(), 8);
  CHECK(n % 8 == 0);
  const std::string header = bytes.substr(8, n);
  CHECK(header.rfind(R"({"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":)", 0) == 0);
  CHECK(header.find_last_not_of(' ') == header.find_last_of('}'));
  CHECK(bytes.size() == 8 + n + 12);
}

TEST_CASE("re-saving each fixture checkpoint reproduces the Python writer's bytes") {
  for (const auto& dir : fs::directory_iterator(test::fixture("models"))) {
    for (const char* name : {"model.safetensors", "expected.safetensors"}) {
      const fs::path p = dir.path() / name;
      if (!fs::exists(p)) continue;
      INFO(p.string());
      SafetensorsFile f(p);
      TensorMap tensors;
      for (const auto& n : f.names()) tensors[n] = f.get(n);
      const SafetensorsMetadata meta(f.metadata().begin(), f.metadata().end());
      CHECK(serialize_safetensors(tensors, meta) == read_text_file(p));
    }
  }
}

TEST_CASE("save replaces an existing file atomically and leaves it intact on error") {
  test::TempDir tmp;
  const fs::path path = tmp.path() / "w.safetensors";
  save_safetensors(path, {{"x", filled(DType::kF32, {4}, 1)}});
  save_safetensors(path, {{"y", filled(DType::kI64, {2}, 2)}});
  SafetensorsFile f(path);
  CHECK(f.names() == std::vector<std::string>{"y"});

  CHECK_THROWS_WITH(save_safetensors(path, {{"__metadata__", filled(DType::kF32, {1}, 1)}}), Catch::Contains("reserved"));
  CHECK_THROWS_WITH(save_safetensors(path, {{"bad\xff", filled(DType::kF32, {1}, 1)}}), Catch::Contains("UTF-8"));
  CHECK(SafetensorsFile(path).names() == std::vector<std::string>{"y"});
  CHECK_THROWS_AS(save_safetensors(tmp.path() / "no/such/dir/x.safetensors", {}), Error);
}
