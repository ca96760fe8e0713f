#include "runtime/config/field_type.h"

#include <cmath>

#include "runtime/core/error.h"

namespace autoclass {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool is_integral(const Json& v) {
  if (v.is_number_integer()) return true;
  if (!v.is_number_float()) return false;
  const double d = v.get<double>();
  return std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18;
}

}  // namespace

FieldType FieldType::parse(std::string_view text) {
  const std::string_view t = trim(text);
  FieldType f;
  static const std::pair<std::string_view, Kind> scalars[] = {
      {"int", Kind::kInt},   {"float", Kind::kFloat}, {"bool", Kind::kBool},     {"string", Kind::kString},
      {"enum", Kind::kEnum}, {"any", Kind::kAny},     {"object", Kind::kObject},
  };
  for (const auto& [name, kind] : scalars)
    if (t == name) {
      f.kind = kind;
      return f;
    }
  static const std::pair<std::string_view, Kind> wrappers[] = {
      {"optional<", Kind::kOptional}, {"list<", Kind::kList}, {"map<", Kind::kMap}};
  for (const auto& [prefix, kind] : wrappers) {
    if (t.substr(0, prefix.size()) == prefix) {
      if (t.back() != '>')
        throw Error(ErrorKind::kParse, "type '" + std::string(t) + "' is missing its closing '>'");
      f.kind = kind;
      const auto inner_text = t.substr(prefix.size(), t.size() - prefix.size() - 1);
      f.inner = std::make_shared<FieldType>(parse(inner_text));
      if (kind == Kind::kOptional && f.inner->kind == Kind::kOptional)
        throw Error(ErrorKind::kParse, "type '" + std::string(t) + "': optional<optional<...>> is not allowed");
      return f;
    }
  }
  throw Error(ErrorKind::kParse, "unknown type '" + std::string(t) +
                                     "' (expected int, float, bool, string, enum, any, object, optional<T>, list<T> or map<T>)");
}

std::string FieldType::spelling() const {
  switch (kind) {
    case Kind::kInt: return "int";
    case Kind::kFloat: return "float";
    case Kind::kBool: return "bool";
    case Kind::kString: return "string";
    case Kind::kEnum: return "enum";
    case Kind::kAny: return "any";
    case Kind::kObject: return "object";
    case Kind::kOptional: return "optional<" + inner->spelling() + ">";
    case Kind::kList: return "list<" + inner->spelling() + ">";
    case Kind::kMap: return "map<" + inner->spelling() + ">";
  }
  return "?";
}

std::string FieldType::cpp_type() const {
  switch (kind) {
    case Kind::kInt: return "std::int64_t";
    case Kind::kFloat: return "double";
    case Kind::kBool: return "bool";
    case Kind::kString: case Kind::kEnum: return "std::string";
    case Kind::kAny: case Kind::kObject: return "Json";
    case Kind::kOptional:
      // JSON null already means "absent" for JSON-valued fields.
      if (inner->kind == Kind::kAny || inner->kind == Kind::kObject) return "Json";
      return "std::optional<" + inner->cpp_type() + ">";
    case Kind::kList: return "std::vector<" + inner->cpp_type() + ">";
    case Kind::kMap: return "std::map<std::string, " + inner->cpp_type() + ">";
  }
  return "?";
}

std::string describe_json_value(const Json& v) {
  std::string text = v.dump();
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  if (v.is_null()) return "null";
  return text;
}

bool FieldType::accepts(const Json& v, std::span<const std::string_view> enum_values, std::string& why,
                        std::string& where) const {
  auto fail = [&](const std::string& expected) {
    why = "expected " + expected + ", got " + describe_json_value(v);
    return false;
  };
  switch (kind) {
    case Kind::kInt: return is_integral(v) || fail("int");
    case Kind::kFloat: return v.is_number() || fail("float");
    case Kind::kBool: return v.is_boolean() || fail("bool");
    case Kind::kString: return v.is_string() || fail("string");
    case Kind::kEnum: {
      if (!v.is_string()) return fail("one of the enum values");
      for (const auto& e : enum_values)
        if (e == v.get_ref<const std::string&>()) return true;
      std::string list;
      for (const auto& e : enum_values) list += (list.empty() ? "" : ", ") + ("\"" + std::string(e) + "\"");
      return fail("one of " + list);
    }
    case Kind::kAny: return true;
    case Kind::kObject: return v.is_object() || fail("object");
    case Kind::kOptional: return v.is_null() || inner->accepts(v, enum_values, why, where);
    case Kind::kList: {
      if (!v.is_array()) return fail(spelling());
      for (std::size_t i = 0; i < v.size(); ++i) {
        std::string sub;
        if (!inner->accepts(v[i], enum_values, why, sub)) {
          where = "/" + std::to_string(i) + sub;
          return false;
        }
      }
      return true;
    }
    case Kind::kMap: {
      if (!v.is_object()) return fail(spelling());
      for (auto it = v.begin(); it != v.end(); ++it) {
        std::string sub;
        if (!inner->accepts(it.value(), enum_values, why, sub)) {
          where = json_path_join("", it.key()) + sub;
          return false;
        }
      }
      return true;
    }
  }
  return false;
}

}  // namespace autoclass
