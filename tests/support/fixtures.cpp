#include "tests/support/fixtures.h"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <random>

#include "runtime/core/error.h"

namespace autoclass::test {
namespace fs = std::filesystem;

fs::path source_dir() { return AUTOCLASS_SOURCE_DIR; }
fs::path fixtures_dir() { return AUTOCLASS_FIXTURES_DIR; }

fs::path fixture(const std::string& relative) {
  fs::path p = fixtures_dir() / relative;
  if (!fs::exists(p)) throw Error(ErrorKind::kNotFound, "test fixture missing: " + p.string());
  return p;
}

TempDir::TempDir() {
  std::random_device rd;
  const fs::path base = fs::temp_directory_path();
  for (int i = 0; i < 100; ++i) {
    fs::path p = base / ("autoclass-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    if (fs::create_directory(p)) {
      path_ = p;
      return;
    }
  }
  throw Error(ErrorKind::kIo, "cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

double max_abs_diff(const Tensor& a, const Tensor& b) {
  if (a.shape() != b.shape())
    throw Error(ErrorKind::kInvalidArgument, "shape mismatch " + shape_string(a.shape()) + " vs " + shape_string(b.shape()));
  const Tensor fa = a.to(DType::kF32), fb = b.to(DType::kF32);
  double m = 0;
  const float* pa = fa.data<float>();
  const float* pb = fb.data<float>();
  for (std::int64_t i = 0; i < fa.numel(); ++i) {
    const double d = std::fabs(static_cast<double>(pa[i]) - pb[i]);
    if (std::isnan(d)) return INFINITY;
    m = std::max(m, d);
  }
  return m;
}

double max_abs_diff_masked(const Tensor& a, const Tensor& b, const Tensor& mask) {
  if (a.shape() != b.shape())
    throw Error(ErrorKind::kInvalidArgument, "shape mismatch " + shape_string(a.shape()) + " vs " + shape_string(b.shape()));
  const Tensor fa = a.to(DType::kF32), fb = b.to(DType::kF32), m64 = mask.to(DType::kI64);
  const std::int64_t rows = m64.numel();
  if (rows == 0 || fa.numel() % rows != 0) throw Error(ErrorKind::kInvalidArgument, "mask does not match tensor");
  const std::int64_t inner = fa.numel() / rows;
  double m = 0;
  for (std::int64_t r = 0; r < rows; ++r) {
    if (m64.data<std::int64_t>()[r] == 0) continue;
    for (std::int64_t i = 0; i < inner; ++i) {
      const double d = std::fabs(static_cast<double>(fa.data<float>()[r * inner + i]) - fb.data<float>()[r * inner + i]);
      if (std::isnan(d)) return INFINITY;
      m = std::max(m, d);
    }
  }
  return m;
}

Tensor int_tensor_from_json(const Json& rows) {
  if (!rows.is_array() || rows.empty()) throw Error(ErrorKind::kInvalidArgument, "expected a nested int list");
  if (!rows[0].is_array()) {
    std::vector<std::int64_t> v = rows.get<std::vector<std::int64_t>>();
    return Tensor::from_vector<std::int64_t>({1, static_cast<std::int64_t>(v.size())}, v);
  }
  std::vector<std::int64_t> flat;
  const auto cols = static_cast<std::int64_t>(rows[0].size());
  for (const auto& r : rows) {
    if (static_cast<std::int64_t>(r.size()) != cols) throw Error(ErrorKind::kInvalidArgument, "ragged int list");
    for (const auto& v : r) flat.push_back(v.get<std::int64_t>());
  }
  return Tensor::from_vector<std::int64_t>({static_cast<std::int64_t>(rows.size()), cols}, flat);
}

}  // namespace autoclass::test
