// Read-only, by-name access to a model config. Kernel families read their hyper-parameters through
// this (e.g. get_int("hidden_size")), so one family serves every model type whose schema maps onto it;
// aliases from the schema's attribute_map (GPT-2 "n_embd" <-> "hidden_size") resolve here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/json_io.h"

namespace autoclass {

class ConfigView {
 public:
  virtual ~ConfigView() = default;
  virtual std::string model_type() const = 0;
  // The attribute's value as JSON (field, alias or unknown key kept from config.json);
  // nullopt when absent. A JSON null is returned as a null value, not nullopt.
  virtual std::optional<Json> find(std::string_view name) const = 0;

  bool has(std::string_view name) const;      // present and not null
  // Throw Error naming the model type and attribute when absent, null or of the wrong type.
  std::int64_t get_int(std::string_view name) const;
  double get_float(std::string_view name) const;
  bool get_bool(std::string_view name) const;
  std::string get_string(std::string_view name) const;
  // With a fallback for absent or null values.
  std::int64_t get_int(std::string_view name, std::int64_t fallback) const;
  double get_float(std::string_view name, double fallback) const;
  bool get_bool(std::string_view name, bool fallback) const;
  std::string get_string(std::string_view name, std::string fallback) const;
  // Token ids that may be an int or a list of ints (eos_token_id); empty when absent/null.
  std::vector<std::int64_t> get_int_list(std::string_view name) const;
};

// A view over raw config.json contents (no schema, no defaults, optional alias map).
class JsonConfigView : public ConfigView {
 public:
  explicit JsonConfigView(Json json, std::vector<std::pair<std::string, std::string>> aliases = {});
  std::string model_type() const override;
  std::optional<Json> find(std::string_view name) const override;
  const Json& json() const { return json_; }

 private:
  Json json_;
  std::vector<std::pair<std::string, std::string>> aliases_;  // alias -> attribute
};

}  // namespace autoclass
