// A small n-dimensional tensor: dtype + shape + a shared, possibly borrowed buffer (an mmap'd
// safetensors region, or memory it owns). Row-major, contiguous. Kernels map it into Eigen.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace autoclass {

enum class DType : std::uint8_t { kF32, kF16, kBF16, kF64, kI64, kI32, kI16, kI8, kU8, kBool };

std::size_t dtype_size(DType dtype);
std::string_view dtype_name(DType dtype);  // safetensors spelling: "F32", "BF16", "I64" ...

using Shape = std::vector<std::int64_t>;
std::int64_t shape_numel(const Shape& shape);  // throws on overflow or negative dims
std::string shape_string(const Shape& shape);   // "[2, 12, 64]"

template <class T> constexpr DType dtype_of();
template <> constexpr DType dtype_of<float>() { return DType::kF32; }
template <> constexpr DType dtype_of<double>() { return DType::kF64; }
template <> constexpr DType dtype_of<std::int64_t>() { return DType::kI64; }
template <> constexpr DType dtype_of<std::int32_t>() { return DType::kI32; }
template <> constexpr DType dtype_of<std::uint8_t>() { return DType::kU8; }

class Tensor {
 public:
  Tensor() = default;
  // Allocates (zero-filled) storage of its own.
  Tensor(DType dtype, Shape shape);
  // Borrows `data`; `owner` keeps it alive (e.g. the mmap of a safetensors file).
  Tensor(DType dtype, Shape shape, const void* data, std::shared_ptr<const void> owner);

  template <class T>
  static Tensor from_vector(Shape shape, const std::vector<T>& values);

  DType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  std::int64_t dim(int i) const;  // negative i counts from the end
  int ndim() const { return static_cast<int>(shape_.size()); }
  std::int64_t numel() const { return numel_; }
  std::size_t nbytes() const { return static_cast<std::size_t>(numel_) * dtype_size(dtype_); }
  bool empty() const { return data_ == nullptr; }

  const void* raw() const { return data_; }
  void* raw_mut();  // throws if the buffer is borrowed read-only
  template <class T> const T* data() const { check_dtype(dtype_of<T>()); return static_cast<const T*>(data_); }
  template <class T> T* data_mut() { check_dtype(dtype_of<T>()); return static_cast<T*>(raw_mut()); }
  template <class T> std::span<const T> values() const { return {data<T>(), static_cast<std::size_t>(numel_)}; }

  // Same bytes, new shape (numel must match).
  Tensor reshaped(Shape shape) const;
  // A converted copy (F16/BF16/F32/F64 -> F32 etc; integer types -> I64). Same dtype: shares storage.
  Tensor to(DType dtype) const;
  // Deep copy into storage of its own.
  Tensor clone() const;

 private:
  void check_dtype(DType expected) const;

  DType dtype_ = DType::kF32;
  Shape shape_;
  std::int64_t numel_ = 0;
  std::shared_ptr<const void> owner_;
  const void* data_ = nullptr;
  bool writable_ = false;
};

[[noreturn]] void throw_size_mismatch(const Shape& shape, std::size_t count);

template <class T>
Tensor Tensor::from_vector(Shape shape, const std::vector<T>& values) {
  Tensor t(dtype_of<T>(), std::move(shape));
  if (static_cast<std::size_t>(t.numel()) != values.size()) throw_size_mismatch(t.shape(), values.size());
  T* out = t.data_mut<T>();
  for (std::size_t i = 0; i < values.size(); ++i) out[i] = values[i];
  return t;
}

// Scalar conversions used for weights.
float bf16_to_f32(std::uint16_t v);
float f16_to_f32(std::uint16_t v);
std::uint16_t f32_to_bf16(float v);  // round to nearest even
std::uint16_t f32_to_f16(float v);

}  // namespace autoclass
