#include "runtime/config/config_view.h"

#include "runtime/core/error.h"

namespace autoclass {
namespace {
[[noreturn]] void fail(const ConfigView& v, std::string_view name, const std::string& what) {
  throw Error(ErrorKind::kInvalidArgument,
              "config of model type '" + v.model_type() + "': attribute '" + std::string(name) + "' " + what);
}

const Json& need(const ConfigView& v, std::string_view name, std::optional<Json>& holder) {
  holder = v.find(name);
  if (!holder) fail(v, name, "is missing");
  if (holder->is_null()) fail(v, name, "is null");
  return *holder;
}
}  // namespace

bool ConfigView::has(std::string_view name) const {
  auto v = find(name);
  return v && !v->is_null();
}

std::int64_t ConfigView::get_int(std::string_view name) const {
  std::optional<Json> h;
  const Json& j = need(*this, name, h);
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number_float() && j.get<double>() == static_cast<double>(static_cast<std::int64_t>(j.get<double>())))
    return static_cast<std::int64_t>(j.get<double>());
  fail(*this, name, "should be an integer, got " + j.dump());
}

double ConfigView::get_float(std::string_view name) const {
  std::optional<Json> h;
  const Json& j = need(*this, name, h);
  if (j.is_number()) return j.get<double>();
  fail(*this, name, "should be a number, got " + j.dump());
}

bool ConfigView::get_bool(std::string_view name) const {
  std::optional<Json> h;
  const Json& j = need(*this, name, h);
  if (j.is_boolean()) return j.get<bool>();
  fail(*this, name, "should be true or false, got " + j.dump());
}

std::string ConfigView::get_string(std::string_view name) const {
  std::optional<Json> h;
  const Json& j = need(*this, name, h);
  if (j.is_string()) return j.get<std::string>();
  fail(*this, name, "should be a string, got " + j.dump());
}

std::int64_t ConfigView::get_int(std::string_view name, std::int64_t fallback) const {
  return has(name) ? get_int(name) : fallback;
}
double ConfigView::get_float(std::string_view name, double fallback) const {
  return has(name) ? get_float(name) : fallback;
}
bool ConfigView::get_bool(std::string_view name, bool fallback) const {
  return has(name) ? get_bool(name) : fallback;
}
std::string ConfigView::get_string(std::string_view name, std::string fallback) const {
  return has(name) ? get_string(name) : std::move(fallback);
}

std::vector<std::int64_t> ConfigView::get_int_list(std::string_view name) const {
  auto v = find(name);
  std::vector<std::int64_t> out;
  if (!v || v->is_null()) return out;
  if (v->is_number_integer()) return {v->get<std::int64_t>()};
  if (v->is_array()) {
    for (const auto& e : *v) {
      if (!e.is_number_integer()) fail(*this, name, "should be an integer or a list of integers, got " + v->dump());
      out.push_back(e.get<std::int64_t>());
    }
    return out;
  }
  fail(*this, name, "should be an integer or a list of integers, got " + v->dump());
}

JsonConfigView::JsonConfigView(Json json, std::vector<std::pair<std::string, std::string>> aliases)
    : json_(std::move(json)), aliases_(std::move(aliases)) {
  if (!json_.is_object()) throw Error(ErrorKind::kInvalidArgument, "config must be a JSON object");
}

std::string JsonConfigView::model_type() const {
  auto it = json_.find("model_type");
  return it != json_.end() && it->is_string() ? it->get<std::string>() : std::string("?");
}

std::optional<Json> JsonConfigView::find(std::string_view name) const {
  std::string key(name);
  for (const auto& [alias, target] : aliases_)
    if (alias == name) key = target;
  auto it = json_.find(key);
  if (it == json_.end()) return std::nullopt;
  return *it;
}

}  // namespace autoclass
