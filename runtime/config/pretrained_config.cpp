#include "runtime/config/pretrained_config.h"

#include <algorithm>

#include "runtime/config/field_type.h"
#include "runtime/core/error.h"

namespace autoclass {

std::vector<FieldSlot> PretrainedConfig::fields() {
  std::vector<FieldSlot> out;
  collect_base_fields(out);
  collect_own_fields(out);
  return out;
}

std::vector<FieldSlot> PretrainedConfig::fields() const {
  // The slots are only read through here; collecting them needs non-const member addresses.
  return const_cast<PretrainedConfig*>(this)->fields();
}

std::optional<FieldSlot> PretrainedConfig::field(std::string_view name) const {
  const std::string_view target = resolve_alias(name);
  for (const auto& s : fields())
    if (s.info->name == target) return s;
  return std::nullopt;
}

std::unique_ptr<PretrainedConfig> PretrainedConfig::clone() const {
  auto c = fresh();
  c->copy_state_from(*this);
  return c;
}

void PretrainedConfig::copy_state_from(const PretrainedConfig& other) {
  auto dst = fields();
  const auto src = other.fields();
  for (std::size_t i = 0; i < dst.size() && i < src.size(); ++i) dst[i].set(dst[i].member, src[i].get(src[i].member));
  model_type_ = other.model_type_;
  extra_ = other.extra_;
  present_ = other.present_;
}

void PretrainedConfig::mark_present(std::string_view key) {
  if (std::find(present_.begin(), present_.end(), key) == present_.end()) present_.emplace_back(key);
}

void PretrainedConfig::set_slot(const FieldSlot& slot, const Json& value, const std::string& origin,
                                std::string_view key) {
  const FieldType type = FieldType::parse(slot.info->type);
  std::string why, where;
  if (!type.accepts(value, slot.info->enum_values, why, where))
    throw Error(ErrorKind::kInvalidArgument, origin + ": " + json_path_join("", key) + where + ": " + why +
                                                 " (field '" + std::string(slot.info->name) + "' of " +
                                                 std::string(config_class()) + " is " + std::string(slot.info->type) + ")");
  slot.set(slot.member, value);
}

void PretrainedConfig::init_num_labels(std::int64_t n) {
  id2label = Json::object();
  label2id = Json::object();
  for (std::int64_t i = 0; i < n; ++i) {
    id2label[std::to_string(i)] = "LABEL_" + std::to_string(i);
    label2id["LABEL_" + std::to_string(i)] = i;
  }
}

void PretrainedConfig::set_num_labels(std::int64_t n) {
  if (n < 0) throw Error(ErrorKind::kInvalidArgument, "num_labels must be >= 0");
  if (num_labels() == n) return;
  init_num_labels(n);
  labels_from_num_labels_ = false;
  mark_present("id2label");
  mark_present("label2id");
}

std::string_view PretrainedConfig::resolve_alias(std::string_view name) const {
  for (const auto& a : aliases())
    if (a.alias == name) return a.field;
  return name;
}

void PretrainedConfig::update_from_json(const Json& json, const std::string& origin) {
  if (!json.is_object())
    throw Error(ErrorKind::kInvalidArgument, origin + ": a config must be a JSON object, got " + describe_json_value(json));
  for (auto it = json.begin(); it != json.end(); ++it) {
    const std::string& key = it.key();
    if (key == "model_type") {
      if (!it->is_string())
        throw Error(ErrorKind::kInvalidArgument, origin + ": /model_type: expected string, got " + describe_json_value(*it));
      mark_present(key);
      continue;
    }
    if (auto slot = field(key)) {
      set_slot(*slot, *it, origin, key);
    } else {
      extra_[key] = *it;
    }
    mark_present(key);
  }
  // HF: a "num_labels" kwarg without id2label builds LABEL_i names.
  if (json.contains("num_labels") && !json.contains("id2label")) {
    const Json& n = json["num_labels"];
    if (!n.is_number_integer())
      throw Error(ErrorKind::kInvalidArgument, origin + ": /num_labels: expected int, got " + describe_json_value(n));
    // Built from the file's num_labels key (kept as is): save writes num_labels back, not id2label.
    init_num_labels(n.get<std::int64_t>());
    labels_from_num_labels_ = true;
  }
}

bool PretrainedConfig::set(std::string_view name, const Json& value, const std::string& origin) {
  if (resolve_alias(name) == "num_labels" && value.is_number_integer()) {
    set_num_labels(value.get<std::int64_t>());
    return true;
  }
  if (auto slot = field(name)) {
    set_slot(*slot, value, origin, name);
    mark_present(slot->info->name);
    return true;
  }
  if (extra_.contains(std::string(name))) {
    extra_[std::string(name)] = value;
    return true;
  }
  return false;
}

std::optional<Json> PretrainedConfig::find(std::string_view name) const {
  // Built with std::in_place: Json converts to std::optional<Json> in more than one way.
  if (name == "model_type") return std::optional<Json>(std::in_place, model_type_);
  if (resolve_alias(name) == "num_labels") return std::optional<Json>(std::in_place, num_labels());
  if (auto slot = field(name)) return std::optional<Json>(std::in_place, slot->get(slot->member));
  auto it = extra_.find(std::string(name));
  if (it != extra_.end()) return std::optional<Json>(std::in_place, *it);
  return std::nullopt;
}

Json PretrainedConfig::to_json() const {
  Json out = extra_;
  for (const auto& s : fields()) out[std::string(s.info->name)] = s.get(s.member);
  out["model_type"] = model_type_;
  return out;
}

Json PretrainedConfig::to_diff_json() const {
  const auto defaults = fresh();
  const auto mine = fields();
  const auto theirs = defaults->fields();
  Json out = extra_;
  for (std::size_t i = 0; i < mine.size(); ++i) {
    Json v = mine[i].get(mine[i].member);
    if (v != theirs[i].get(theirs[i].member)) out[std::string(mine[i].info->name)] = std::move(v);
  }
  out["model_type"] = model_type_;
  return out;
}

Json PretrainedConfig::to_save_json() const {
  Json out = to_diff_json();
  auto present = [&](std::string_view k) { return std::find(present_.begin(), present_.end(), k) != present_.end(); };
  if (labels_from_num_labels_) {
    if (!present("id2label")) out.erase("id2label");
    if (!present("label2id")) out.erase("label2id");
  }
  // A file that spelt a field by its alias (n_head for num_attention_heads) gets the alias back only.
  for (const auto& a : aliases())
    if (present(a.alias) && !present(a.field)) out.erase(std::string(a.field));
  for (const auto& key : present_) {
    if (out.contains(key)) continue;
    if (key == "model_type") continue;
    if (auto v = find(key)) out[key] = *v;
  }
  return out;  // to_diff_json already wrote model_type
}

void PretrainedConfig::save_pretrained(const std::filesystem::path& dir) const {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(ErrorKind::kIo, dir.string() + ": cannot create directory: " + ec.message());
  write_file_atomic(dir / "config.json", dump_json_pretty(to_save_json()));
}

}  // namespace autoclass
