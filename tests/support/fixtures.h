// Test helpers: where the fixtures are, and comparing float tensors against HF's references.
#pragma once

#include <filesystem>
#include <string>

#include "runtime/core/json_io.h"
#include "runtime/core/tensor.h"

namespace autoclass::test {

std::filesystem::path source_dir();    // the repo root
std::filesystem::path fixtures_dir();  // tests/fixtures
std::filesystem::path fixture(const std::string& relative);  // tests/fixtures/<relative>, must exist

// A fresh empty temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Max |a - b| over all elements (shapes must match; both converted to F32).
double max_abs_diff(const Tensor& a, const Tensor& b);
// Max |a - b| over [batch, position, ...] rows where mask[batch, position] == 1.
double max_abs_diff_masked(const Tensor& a, const Tensor& b, const Tensor& mask);

// Nested int list (JSON) -> I64 tensor [rows, cols].
Tensor int_tensor_from_json(const Json& rows);

}  // namespace autoclass::test
