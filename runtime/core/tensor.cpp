#include "runtime/core/tensor.h"

#include <cstring>
#include <limits>

#include "runtime/core/error.h"

namespace autoclass {

std::size_t dtype_size(DType dtype) {
  switch (dtype) {
    case DType::kF64: case DType::kI64: return 8;
    case DType::kF32: case DType::kI32: return 4;
    case DType::kF16: case DType::kBF16: case DType::kI16: return 2;
    case DType::kI8: case DType::kU8: case DType::kBool: return 1;
  }
  return 1;
}

std::string_view dtype_name(DType dtype) {
  switch (dtype) {
    case DType::kF32: return "F32";
    case DType::kF16: return "F16";
    case DType::kBF16: return "BF16";
    case DType::kF64: return "F64";
    case DType::kI64: return "I64";
    case DType::kI32: return "I32";
    case DType::kI16: return "I16";
    case DType::kI8: return "I8";
    case DType::kU8: return "U8";
    case DType::kBool: return "BOOL";
  }
  return "?";
}

std::int64_t shape_numel(const Shape& shape) {
  std::int64_t n = 1;
  for (std::int64_t d : shape) {
    if (d < 0) throw Error(ErrorKind::kInvalidArgument, "negative dimension in shape " + shape_string(shape));
    if (d != 0 && n > std::numeric_limits<std::int64_t>::max() / d)
      throw Error(ErrorKind::kInvalidArgument, "shape " + shape_string(shape) + " has more elements than fit in 64 bits");
    n *= d;
  }
  return n;
}

std::string shape_string(const Shape& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

void throw_size_mismatch(const Shape& shape, std::size_t count) {
  throw Error(ErrorKind::kInvalidArgument,
              "tensor of shape " + shape_string(shape) + " cannot hold " + std::to_string(count) + " values");
}

Tensor::Tensor(DType dtype, Shape shape) : dtype_(dtype), shape_(std::move(shape)) {
  numel_ = shape_numel(shape_);
  const std::size_t bytes = std::max<std::size_t>(nbytes(), 1);
  // 64-byte alignment so kernels may use aligned vector loads.
  void* p = ::operator new[](bytes, std::align_val_t(64));
  std::memset(p, 0, bytes);
  owner_ = std::shared_ptr<const void>(p, [](const void* q) { ::operator delete[](const_cast<void*>(q), std::align_val_t(64)); });
  data_ = p;
  writable_ = true;
}

Tensor::Tensor(DType dtype, Shape shape, const void* data, std::shared_ptr<const void> owner)
    : dtype_(dtype), shape_(std::move(shape)), owner_(std::move(owner)), data_(data), writable_(false) {
  numel_ = shape_numel(shape_);
}

std::int64_t Tensor::dim(int i) const {
  const int n = ndim();
  const int j = i < 0 ? i + n : i;
  if (j < 0 || j >= n)
    throw Error(ErrorKind::kInvalidArgument, "dimension " + std::to_string(i) + " out of range for shape " + shape_string(shape_));
  return shape_[static_cast<std::size_t>(j)];
}

void* Tensor::raw_mut() {
  if (!writable_) throw Error(ErrorKind::kInternal, "tensor buffer is borrowed read-only; clone() it first");
  return const_cast<void*>(data_);
}

void Tensor::check_dtype(DType expected) const {
  if (dtype_ != expected)
    throw Error(ErrorKind::kInvalidArgument, "tensor has dtype " + std::string(dtype_name(dtype_)) + ", expected " +
                                                 std::string(dtype_name(expected)));
}

Tensor Tensor::reshaped(Shape shape) const {
  if (shape_numel(shape) != numel_)
    throw Error(ErrorKind::kInvalidArgument, "cannot reshape " + shape_string(shape_) + " to " + shape_string(shape));
  Tensor t = *this;
  t.shape_ = std::move(shape);
  return t;
}

Tensor Tensor::clone() const {
  Tensor t(dtype_, shape_);
  if (nbytes()) std::memcpy(t.raw_mut(), data_, nbytes());
  return t;
}

namespace {
bool is_float(DType d) { return d == DType::kF32 || d == DType::kF16 || d == DType::kBF16 || d == DType::kF64; }

double read_as_double(DType d, const void* base, std::size_t i) {
  const auto* b = static_cast<const unsigned char*>(base);
  switch (d) {
    case DType::kF32: { float v; std::memcpy(&v, b + 4 * i, 4); return v; }
    case DType::kF64: { double v; std::memcpy(&v, b + 8 * i, 8); return v; }
    case DType::kF16: { std::uint16_t v; std::memcpy(&v, b + 2 * i, 2); return f16_to_f32(v); }
    case DType::kBF16: { std::uint16_t v; std::memcpy(&v, b + 2 * i, 2); return bf16_to_f32(v); }
    case DType::kI64: { std::int64_t v; std::memcpy(&v, b + 8 * i, 8); return static_cast<double>(v); }
    case DType::kI32: { std::int32_t v; std::memcpy(&v, b + 4 * i, 4); return v; }
    case DType::kI16: { std::int16_t v; std::memcpy(&v, b + 2 * i, 2); return v; }
    case DType::kI8: return static_cast<std::int8_t>(b[i]);
    case DType::kU8: case DType::kBool: return b[i];
  }
  return 0;
}

std::int64_t read_as_int(DType d, const void* base, std::size_t i) {
  const auto* b = static_cast<const unsigned char*>(base);
  switch (d) {
    case DType::kI64: { std::int64_t v; std::memcpy(&v, b + 8 * i, 8); return v; }
    case DType::kI32: { std::int32_t v; std::memcpy(&v, b + 4 * i, 4); return v; }
    case DType::kI16: { std::int16_t v; std::memcpy(&v, b + 2 * i, 2); return v; }
    case DType::kI8: return static_cast<std::int8_t>(b[i]);
    case DType::kU8: case DType::kBool: return b[i];
    default: return static_cast<std::int64_t>(read_as_double(d, base, i));
  }
}
}  // namespace

Tensor Tensor::to(DType dtype) const {
  if (dtype == dtype_) return *this;
  Tensor out(dtype, shape_);
  const std::size_t n = static_cast<std::size_t>(numel_);
  void* dst = out.raw_mut();
  switch (dtype) {
    case DType::kF32: {
      auto* o = static_cast<float*>(dst);
      if (dtype_ == DType::kBF16) {
        const auto* s = static_cast<const std::uint16_t*>(data_);
        for (std::size_t i = 0; i < n; ++i) o[i] = bf16_to_f32(s[i]);
      } else if (dtype_ == DType::kF16) {
        const auto* s = static_cast<const std::uint16_t*>(data_);
        for (std::size_t i = 0; i < n; ++i) o[i] = f16_to_f32(s[i]);
      } else {
        for (std::size_t i = 0; i < n; ++i) o[i] = static_cast<float>(read_as_double(dtype_, data_, i));
      }
      break;
    }
    case DType::kF64: {
      auto* o = static_cast<double*>(dst);
      for (std::size_t i = 0; i < n; ++i) o[i] = read_as_double(dtype_, data_, i);
      break;
    }
    case DType::kBF16: case DType::kF16: {
      auto* o = static_cast<std::uint16_t*>(dst);
      for (std::size_t i = 0; i < n; ++i) {
        const float v = static_cast<float>(read_as_double(dtype_, data_, i));
        o[i] = dtype == DType::kBF16 ? f32_to_bf16(v) : f32_to_f16(v);
      }
      break;
    }
    case DType::kI64: {
      auto* o = static_cast<std::int64_t*>(dst);
      for (std::size_t i = 0; i < n; ++i) o[i] = read_as_int(dtype_, data_, i);
      break;
    }
    case DType::kI32: {
      auto* o = static_cast<std::int32_t*>(dst);
      for (std::size_t i = 0; i < n; ++i) o[i] = static_cast<std::int32_t>(read_as_int(dtype_, data_, i));
      break;
    }
    default:
      if (is_float(dtype_))
        throw Error(ErrorKind::kUnsupported, "conversion from " + std::string(dtype_name(dtype_)) + " to " + std::string(dtype_name(dtype)));
      for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t v = read_as_int(dtype_, data_, i);
        std::memcpy(static_cast<unsigned char*>(dst) + i * dtype_size(dtype), &v, dtype_size(dtype));  // little-endian truncation
      }
  }
  return out;
}

float bf16_to_f32(std::uint16_t v) {
  const std::uint32_t bits = static_cast<std::uint32_t>(v) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

std::uint16_t f32_to_bf16(float f) {
  std::uint32_t bits;
  std::memcpy(&bits, &f, 4);
  if ((bits & 0x7fffffffu) > 0x7f800000u) return static_cast<std::uint16_t>((bits >> 16) | 0x40);  // quiet NaN
  const std::uint32_t rounding = 0x7fffu + ((bits >> 16) & 1u);
  return static_cast<std::uint16_t>((bits + rounding) >> 16);
}

float f16_to_f32(std::uint16_t h) {
  const std::uint32_t sign = (h & 0x8000u) << 16;
  std::uint32_t exp = (h >> 10) & 0x1fu;
  std::uint32_t mant = h & 0x3ffu;
  std::uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal: normalise
      exp = 127 - 15 + 1;
      while ((mant & 0x400u) == 0) { mant <<= 1; --exp; }
      mant &= 0x3ffu;
      bits = sign | (exp << 23) | (mant << 13);
    }
  } else if (exp == 31) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

std::uint16_t f32_to_f16(float f) {
  std::uint32_t x;
  std::memcpy(&x, &f, 4);
  const std::uint32_t sign = (x >> 16) & 0x8000u;
  const std::uint32_t absx = x & 0x7fffffffu;
  if (absx > 0x7f800000u) return static_cast<std::uint16_t>(sign | 0x7e00u);  // NaN
  if (absx >= 0x477ff000u) return static_cast<std::uint16_t>(sign | 0x7c00u);  // overflow → inf
  if (absx < 0x38800000u) {  // subnormal or zero in half
    if (absx < 0x33000000u) return static_cast<std::uint16_t>(sign);
    const std::uint32_t e = absx >> 23;
    const std::uint32_t m = (absx & 0x7fffffu) | 0x800000u;
    // value = m · 2^(e-150) and a half subnormal is r · 2^-24, so r = m >> (126 - e), rounded to even.
    const std::uint32_t shift = 126 - e;
    std::uint32_t r = m >> shift;
    const std::uint32_t rem = m & ((1u << shift) - 1u);
    const std::uint32_t halfway = 1u << (shift - 1);
    if (rem > halfway || (rem == halfway && (r & 1u))) ++r;
    return static_cast<std::uint16_t>(sign | r);
  }
  std::uint32_t h = ((absx >> 13) - ((127 - 15) << 10));
  const std::uint32_t rem = absx & 0x1fffu;
  if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) ++h;
  return static_cast<std::uint16_t>(sign | h);
}

}  // namespace autoclass
