#include "runtime/safetensors/header.h"

#include <algorithm>
#include <array>
#include <limits>

#include "runtime/core/error.h"
#include "runtime/safetensors/strict_json.h"

namespace autoclass::safetensors {
namespace {

[[noreturn]] void fail(const std::string& origin, const std::string& what, ErrorKind kind = ErrorKind::kParse) {
  throw Error(kind, origin + ": " + what);
}

std::string in_quotes(std::string_view name) {
  std::string out(1, '\'');
  return out.append(name).append(1, '\'');
}

// Dtypes of the format that autoclass::Tensor cannot hold (fp8, unsigned wide ints).
bool is_known_unsupported(std::string_view name) {
  static constexpr std::array<std::string_view, 6> kNames{"F8_E5M2", "F8_E4M3", "U16", "U32", "U64", "F4"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

std::uint64_t read_u64_le(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// A JSON integer >= 0 that fits in uint64, else nullopt.
std::optional<std::uint64_t> as_non_negative(const Json& v) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(v.get<std::int64_t>());
  return std::nullopt;
}

TensorEntry parse_entry(const std::string& name, const Json& info, const std::string& origin) {
  const std::string where = "tensor " + in_quotes(name);
  if (!info.is_object()) fail(origin, where + ": expected an object with dtype, shape and data_offsets, got " + info.type_name());
  for (const char* key : {"dtype", "shape", "data_offsets"})
    if (!info.contains(key)) fail(origin, where + ": missing \"" + key + "\"");

  TensorEntry e;
  e.name = name;
  const Json& dtype = info["dtype"];
  if (!dtype.is_string()) fail(origin, where + ": \"dtype\" must be a string");
  const std::string dtype_str = dtype.get<std::string>();
  const auto parsed = dtype_from_name(dtype_str);
  if (!parsed) {
    if (is_known_unsupported(dtype_str))
      fail(origin, where + ": dtype " + dtype_str + " is not supported by autoclass", ErrorKind::kUnsupported);
    fail(origin, where + ": unknown dtype " + in_quotes(dtype_str));
  }
  e.dtype = *parsed;

  const Json& shape = info["shape"];
  if (!shape.is_array()) fail(origin, where + ": \"shape\" must be a list of integers");
  std::uint64_t numel = 1;
  for (const Json& d : shape) {
    if (!d.is_number_integer()) fail(origin, where + ": shape " + shape.dump() + " holds a non-integer");
    const auto dim = as_non_negative(d);
    if (!dim) fail(origin, where + ": shape " + shape.dump() + " has a negative dimension");
    if (*dim > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      fail(origin, where + ": shape " + shape.dump() + " has a dimension too large");
    if (*dim != 0 && numel > std::numeric_limits<std::uint64_t>::max() / *dim)
      fail(origin, where + ": shape " + shape.dump() + " overflows 64 bits");
    numel *= *dim;
    e.shape.push_back(static_cast<std::int64_t>(*dim));
  }
  const std::uint64_t elem = dtype_size(e.dtype);
  if (numel > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) / elem)
    fail(origin, where + ": shape " + shape.dump() + " x " + dtype_str + " overflows 64 bits");
  const std::uint64_t nbytes = numel * elem;

  const Json& offsets = info["data_offsets"];
  if (!offsets.is_array() || offsets.size() != 2)
    fail(origin, where + ": \"data_offsets\" must be [begin, end], got " + offsets.dump());
  const auto begin = as_non_negative(offsets[0]);
  const auto end = as_non_negative(offsets[1]);
  if (!begin || !end) fail(origin, where + ": data_offsets " + offsets.dump() + " must be non-negative integers");
  if (*begin > *end) fail(origin, where + ": data_offsets " + offsets.dump() + " has begin > end");
  e.begin = *begin;
  e.end = *end;
  if (e.end - e.begin != nbytes)
    fail(origin, where + ": shape " + shape_string(e.shape) + " x " + dtype_str + " (" + std::to_string(elem) +
                     " bytes) = " + std::to_string(nbytes) + " bytes, but data_offsets " + offsets.dump() + " span " +
                     std::to_string(e.end - e.begin));
  return e;
}

std::map<std::string, std::string> parse_metadata(const Json& meta, const std::string& origin) {
  std::map<std::string, std::string> out;
  if (meta.is_null()) return out;
  if (!meta.is_object()) fail(origin, "\"__metadata__\" must be an object of strings, got " + std::string(meta.type_name()));
  for (const auto& [k, v] : meta.items()) {
    if (!v.is_string()) fail(origin, "\"__metadata__\" entry " + in_quotes(k) + " must be a string, got " + v.type_name());
    out.emplace(k, v.get<std::string>());
  }
  return out;
}

// The tensors must tile [0, data_size) exactly: sorted by offset, each starts where the previous ended.
void check_tiling(const Header& h, const std::string& origin) {
  std::vector<const TensorEntry*> order;
  order.reserve(h.tensors.size());
  for (const auto& [name, e] : h.tensors) {
    if (e.end > h.data_size)
      fail(origin, "tensor " + in_quotes(name) + ": data_offsets [" + std::to_string(e.begin) + ", " + std::to_string(e.end) +
                       "] run past the end of the data region (" + std::to_string(h.data_size) +
                       " bytes); the file may be truncated");
    order.push_back(&e);
  }
  std::sort(order.begin(), order.end(), [](const TensorEntry* a, const TensorEntry* b) {
    return a->begin != b->begin ? a->begin < b->begin : a->end < b->end;
  });
  std::uint64_t cursor = 0;
  const TensorEntry* previous = nullptr;
  for (const TensorEntry* e : order) {
    if (e->begin < cursor)
      fail(origin, "tensor " + in_quotes(e->name) + ": data_offsets [" + std::to_string(e->begin) + ", " +
                       std::to_string(e->end) + "] overlap tensor " + in_quotes(previous->name));
    if (e->begin > cursor)
      fail(origin, "tensor " + in_quotes(e->name) + ": data_offsets begin at " + std::to_string(e->begin) + " leaving a gap of " +
                       std::to_string(e->begin - cursor) + " unused bytes after " +
                       (previous ? "tensor " + in_quotes(previous->name) : std::string("the start of the data region")));
    cursor = e->end;
    previous = e;
  }
  if (cursor != h.data_size)
    fail(origin, "the tensors cover " + std::to_string(cursor) + " bytes of the data region but it holds " +
                     std::to_string(h.data_size) + " bytes (trailing garbage)");
}

}  // namespace

std::optional<DType> dtype_from_name(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, DType>, 10> kTable{{
      {"F32", DType::kF32}, {"F16", DType::kF16}, {"BF16", DType::kBF16}, {"F64", DType::kF64}, {"I64", DType::kI64},
      {"I32", DType::kI32}, {"I16", DType::kI16}, {"I8", DType::kI8}, {"U8", DType::kU8}, {"BOOL", DType::kBool},
  }};
  for (const auto& [n, d] : kTable)
    if (n == name) return d;
  return std::nullopt;
}

Header parse_header(std::span<const std::uint8_t> file, const std::string& origin) {
  if (file.empty()) fail(origin, "empty file, not a safetensors file");
  if (file.size() < 8)
    fail(origin, "truncated: " + std::to_string(file.size()) + " bytes, but a safetensors file starts with an 8-byte header length");
  const std::uint64_t n = read_u64_le(file.data());
  if (n > kMaxHeaderBytes)
    fail(origin, "header length " + std::to_string(n) + " is absurdly large (limit " + std::to_string(kMaxHeaderBytes) +
                     "); not a safetensors file, or corrupted");
  if (n > file.size() - 8)
    fail(origin, "header length " + std::to_string(n) + " runs past the end of the file (" + std::to_string(file.size()) +
                     " bytes); the file is truncated or not a safetensors file");
  if (n == 0) fail(origin, "header length is 0; a safetensors header is a JSON object");

  const std::string_view text(reinterpret_cast<const char*>(file.data() + 8), static_cast<std::size_t>(n));
  const std::string header_origin = origin + " (safetensors header)";
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos || text[text.find_first_not_of(" \t\r\n")] != '{')
    fail(header_origin, "not a JSON object; a safetensors header starts with '{'");
  const Json json = parse_json_strict(text, header_origin);
  if (!json.is_object()) fail(header_origin, std::string("expected a JSON object, got ") + json.type_name());

  Header h;
  h.data_start = 8 + n;
  h.data_size = file.size() - h.data_start;
  for (const auto& [name, info] : json.items()) {
    if (name == "__metadata__") {
      h.metadata = parse_metadata(info, origin);
      continue;
    }
    h.tensors.emplace(name, parse_entry(name, info, origin));
  }
  check_tiling(h, origin);
  return h;
}

}  // namespace autoclass::safetensors
