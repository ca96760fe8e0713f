// PretrainedConfig: the common base of every generated config class (BertConfig, GPT2Config, ...).
// The HF base attributes come from schemas/_base.json (generated PretrainedConfigBase); each model's
// own fields from its schema. Loading keeps unknown keys and remembers which keys the file had, so
// load → save loses nothing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "generated/configs/pretrained_config_base.h"
#include "runtime/config/config_view.h"
#include "runtime/config/field_slot.h"
#include "runtime/core/json_io.h"

namespace autoclass {

class PretrainedConfig : public ConfigView, public PretrainedConfigBase {
 public:
  ~PretrainedConfig() override = default;

  std::string model_type() const override { return model_type_; }
  virtual std::string_view config_class() const = 0;
  // A default-constructed config of the same class and model_type.
  virtual std::unique_ptr<PretrainedConfig> fresh() const = 0;
  std::unique_ptr<PretrainedConfig> clone() const;
  virtual std::span<const AliasInfo> aliases() const { return {}; }

  // Every field (base first, then the model's own), as slots.
  std::vector<FieldSlot> fields();
  std::vector<FieldSlot> fields() const;  // read-only use only: do not call set()
  // The slot for a field or alias name; nullptr when the schema does not know the name.
  std::optional<FieldSlot> field(std::string_view name_or_alias) const;

  // Sets attributes from a config.json object. Known keys are type-checked against the schema
  // (Error "<origin>: /<key>: expected int, got \"abc\""); unknown keys are kept. `origin` names the file.
  void update_from_json(const Json& json, const std::string& origin);
  // One attribute by name or alias. Returns false (and changes nothing) when the name is not a field,
  // alias or already-kept unknown key — HF's return_unused_kwargs case.
  bool set(std::string_view name, const Json& value, const std::string& origin = "override");

  // ConfigView: field / alias / kept unknown key.
  std::optional<Json> find(std::string_view name) const override;

  // Every field with defaults filled, plus kept unknown keys and model_type (HF's to_dict()).
  Json to_json() const;
  // Only what differs from the class defaults, plus unknown keys (HF's to_diff_dict / use_diff=True).
  Json to_diff_json() const;
  // What save_pretrained writes: every key the loaded file had (current values) plus everything changed
  // since — so an unchanged load → save reproduces the input as JSON values.
  Json to_save_json() const;
  // Writes <dir>/config.json atomically (creates dir).
  void save_pretrained(const std::filesystem::path& dir) const;

  // Keys kept from config.json that no field or alias knows (typos show up here).
  const Json& unknown_keys() const { return extra_; }
  // Keys the loaded file had or that were set since, in file order.
  const std::vector<std::string>& present_keys() const { return present_; }

  // HF's num_labels: the size of id2label.
  std::int64_t num_labels() const { return static_cast<std::int64_t>(id2label.size()); }
  void set_num_labels(std::int64_t n);

 protected:
  explicit PretrainedConfig(std::string model_type) : model_type_(std::move(model_type)) {}
  PretrainedConfig(const PretrainedConfig&) = default;
  PretrainedConfig& operator=(const PretrainedConfig&) = default;
  virtual void collect_own_fields(std::vector<FieldSlot>& out) = 0;
  void copy_state_from(const PretrainedConfig& other);
  // A class default for the label count (HF configs passing num_labels=N to super().__init__).
  void init_num_labels(std::int64_t n);

 private:
  void mark_present(std::string_view key);
  std::string_view resolve_alias(std::string_view name) const;
  void set_slot(const FieldSlot& slot, const Json& value, const std::string& origin, std::string_view key);

  std::string model_type_;
  Json extra_ = Json::object();
  std::vector<std::string> present_;
  bool labels_from_num_labels_ = false;  // id2label was built from a num_labels key
};

}  // namespace autoclass
