// The schema field-type grammar, shared by the generator (to validate defaults and spell C++ types)
// and the runtime (to check config.json values before storing them):
//   int | float | bool | string | enum | any | object | optional<T> | list<T> | map<T>
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/json_io.h"

namespace autoclass {

struct FieldType {
  enum class Kind { kInt, kFloat, kBool, kString, kEnum, kAny, kObject, kOptional, kList, kMap };
  Kind kind = Kind::kAny;
  std::shared_ptr<const FieldType> inner;  // for optional / list / map

  // Parses "optional<list<int>>"; throws Error(kParse) describing the problem.
  static FieldType parse(std::string_view text);
  std::string spelling() const;  // back to the schema spelling
  std::string cpp_type() const;  // std::optional<std::vector<std::int64_t>>

  // Does `value` fit this type? On failure `why` says "expected int, got "abc"" and `where` gets
  // the JSON path suffix inside the value ("/2" for the third list element).
  bool accepts(const Json& value, std::span<const std::string_view> enum_values, std::string& why,
               std::string& where) const;
};

// "int", "string", "null" ... for messages: the JSON type and a short rendering of the value.
std::string describe_json_value(const Json& value);

}  // namespace autoclass
