// Type-erased access to one typed member of a generated config struct. Generated code lists a
// struct's members as FieldSlots (name, schema type, default, doc + get/set); everything generic —
// JSON load/save, diffing, lookup by name — works on that list instead of per-field code.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "runtime/core/json_io.h"

namespace nlohmann {
// std::optional<T> <-> JSON null / value.
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& o) {
    if (o) j = *o;
    else j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& o) {
    if (j.is_null()) o.reset();
    else o = j.get<T>();
  }
};
}  // namespace nlohmann

namespace autoclass {

struct FieldInfo {
  std::string_view name;
  std::string_view type;          // schema spelling, e.g. "optional<int>"
  std::string_view default_json;  // the schema default as JSON text
  std::string_view doc;
  std::span<const std::string_view> enum_values;
};

struct AliasInfo {
  std::string_view alias;  // e.g. "hidden_size"
  std::string_view field;  // e.g. "n_embd"
};

struct FieldSlot {
  const FieldInfo* info;
  void* member;
  Json (*get)(const void* member);
  void (*set)(void* member, const Json& value);  // value already checked against info->type
};

template <class T>
FieldSlot make_field_slot(const FieldInfo& info, T& member) {
  return FieldSlot{&info, &member, [](const void* m) { return Json(*static_cast<const T*>(m)); },
                   [](void* m, const Json& v) { *static_cast<T*>(m) = v.get<T>(); }};
}

}  // namespace autoclass
