#include "codegen/schema_loader.h"

#include <algorithm>
#include <set>

#include "runtime/core/error.h"
#include "runtime/core/strings.h"

namespace autoclass::codegen {
namespace fs = std::filesystem;

std::string identifier_of(const std::string& model_type) {
  std::string id = model_type;
  for (char& c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) c = '_';
  return id;
}

const ModelSchema* SchemaSet::model(const std::string& type) const {
  for (const auto& m : models)
    if (m.model_type == type) return &m;
  return nullptr;
}
const KernelFamily* SchemaSet::family(const std::string& name) const {
  for (const auto& f : families)
    if (f.name == name) return &f;
  return nullptr;
}
const AutoClass* SchemaSet::auto_class(const std::string& name) const {
  for (const auto& a : auto_classes)
    if (a.name == name) return &a;
  return nullptr;
}
const ModelSchema& SchemaSet::config_owner(const ModelSchema& m) const {
  if (m.config_from.empty()) return m;
  const ModelSchema* owner = model(m.config_from);
  return owner ? *owner : m;
}

namespace {

// Validation context for one file: reports "file: path: message".
struct Ctx {
  std::string file;
  Diagnostics& diag;
  void error(const std::string& path, const std::string& msg) const { diag.error(file, path, msg); }
};

void check_keys(const Ctx& c, const Json& obj, const std::string& path, const std::vector<std::string>& allowed) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end()) continue;
    std::string hint;
    const auto near = nearest_names(it.key(), allowed, 1);
    if (!near.empty()) hint = " (did you mean \"" + near[0] + "\"?)";
    c.error(json_path_join(path, it.key()), "unknown key" + hint + "; allowed keys: " + join(allowed, ", "));
  }
}

// Reads obj[key] as a string. Required keys must be present; optional ones may be absent or null.
bool get_string(const Ctx& c, const Json& obj, const std::string& path, const std::string& key, std::string& out,
                bool required) {
  auto it = obj.find(key);
  if (it == obj.end() || (!required && it->is_null())) {
    if (required) c.error(path, "missing required key \"" + key + "\" (a string)");
    return !required;
  }
  if (!it->is_string()) {
    c.error(json_path_join(path, key), "expected string, got " + describe_json_value(*it));
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool is_identifier(const std::string& s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  return std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

// A typed value description shared by fields and family options: type, default, doc, values.
template <class T>
bool read_typed(const Ctx& c, const Json& obj, const std::string& path, T& out) {
  bool ok = true;
  std::string type_text;
  if (!get_string(c, obj, path, "type", type_text, true)) return false;
  try {
    out.type = FieldType::parse(type_text);
    out.type_spelling = out.type.spelling();
  } catch (const Error& e) {
    c.error(json_path_join(path, "type"), e.what());
    return false;
  }
  const bool uses_enum = out.type_spelling.find("enum") != std::string::npos;
  if (auto v = obj.find("values"); v != obj.end()) {
    if (!uses_enum) {
      c.error(json_path_join(path, "values"), "\"values\" is only for enum types; type is " + out.type_spelling);
      ok = false;
    } else if (!v->is_array() || v->empty()) {
      c.error(json_path_join(path, "values"), "expected a non-empty list of strings, got " + describe_json_value(*v));
      ok = false;
    } else {
      for (std::size_t i = 0; i < v->size(); ++i) {
        if (!(*v)[i].is_string()) {
          c.error(json_path_join(json_path_join(path, "values"), i), "expected string, got " + describe_json_value((*v)[i]));
          ok = false;
        } else {
          out.enum_values.push_back((*v)[i].get<std::string>());
        }
      }
    }
  } else if (uses_enum) {
    c.error(path, "type " + out.type_spelling + " needs \"values\": the list of allowed strings");
    ok = false;
  }
  if (!get_string(c, obj, path, "doc", out.doc, true)) ok = false;
  auto d = obj.find("default");
  if (d == obj.end()) {
    c.error(path, "missing required key \"default\" (a " + out.type_spelling + " value)");
    return false;
  }
  std::vector<std::string_view> values(out.enum_values.begin(), out.enum_values.end());
  std::string why, where;
  if (!out.type.accepts(*d, values, why, where)) {
    c.error(json_path_join(path, "default") + where, why);
    ok = false;
  }
  out.default_value = *d;
  return ok;
}

std::vector<Field> load_fields(const Ctx& c, const Json& arr, const std::string& path) {
  std::vector<Field> fields;
  if (!arr.is_array()) {
    c.error(path, "expected a list of fields, got " + describe_json_value(arr));
    return fields;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const std::string p = json_path_join(path, i);
    const Json& f = arr[i];
    if (!f.is_object()) {
      c.error(p, "expected a field object, got " + describe_json_value(f));
      continue;
    }
    check_keys(c, f, p, {"name", "type", "default", "doc", "values"});
    Field field;
    if (!get_string(c, f, p, "name", field.name, true)) continue;
    if (field.name.empty()) {
      c.error(json_path_join(p, "name"), "field name must not be empty");
      continue;
    }
    if (!seen.insert(field.name).second) c.error(json_path_join(p, "name"), "duplicate field \"" + field.name + "\"");
    if (read_typed(c, f, p, field)) fields.push_back(std::move(field));
  }
  return fields;
}

Json load_json_or_report(const fs::path& file, const std::string& shown, Diagnostics& diag) {
  try {
    return parse_json_file(file);
  } catch (const Error& e) {
    std::string what = e.what();
    // parse_json_file prefixes the full path; show the display path instead.
    const std::string full = file.string();
    if (what.rfind(full, 0) == 0) what = shown + what.substr(full.size());
    diag.error(shown, "", what);
    return Json();
  }
}

void load_auto_classes(const fs::path& file, const std::string& shown, SchemaSet& set, Diagnostics& diag) {
  const Ctx c{shown, diag};
  Json j = load_json_or_report(file, shown, diag);
  if (j.is_null()) return;
  if (!j.is_object() || !j.contains("auto_classes") || !j["auto_classes"].is_array()) {
    c.error("", "expected {\"auto_classes\": [...]}");
    return;
  }
  check_keys(c, j, "", {"doc", "auto_classes"});
  std::set<std::string> seen;
  for (std::size_t i = 0; i < j["auto_classes"].size(); ++i) {
    const Json& a = j["auto_classes"][i];
    const std::string p = json_path_join("/auto_classes", i);
    if (!a.is_object()) {
      c.error(p, "expected an object");
      continue;
    }
    check_keys(c, a, p, {"name", "hf_mapping", "noun", "head", "cli_task"});
    AutoClass ac;
    bool ok = get_string(c, a, p, "name", ac.name, true) & get_string(c, a, p, "hf_mapping", ac.hf_mapping, true) &
              get_string(c, a, p, "noun", ac.noun, true) & get_string(c, a, p, "head", ac.head, true) &
              get_string(c, a, p, "cli_task", ac.cli_task, false);
    if (ok && !is_identifier(ac.name)) c.error(json_path_join(p, "name"), "not a valid class name: \"" + ac.name + "\"");
    if (ok && !seen.insert(ac.name).second) c.error(json_path_join(p, "name"), "duplicate Auto class \"" + ac.name + "\"");
    if (ok) set.auto_classes.push_back(ac);
  }
}

void load_family(const fs::path& file, const std::string& shown, SchemaSet& set, Diagnostics& diag) {
  const Ctx c{shown, diag};
  Json j = load_json_or_report(file, shown, diag);
  if (j.is_null()) return;
  if (!j.is_object()) {
    c.error("", "expected a JSON object");
    return;
  }
  check_keys(c, j, "", {"family", "doc", "hf_source", "architectures", "options"});
  KernelFamily fam;
  fam.file = shown;
  bool ok = get_string(c, j, "", "family", fam.name, true) & get_string(c, j, "", "doc", fam.doc, true) &
            get_string(c, j, "", "hf_source", fam.hf_source, true);
  if (ok && fam.name != file.stem().string())
    c.error("/family", "is \"" + fam.name + "\" but the file is named " + file.filename().string() +
                           "; rename one so they match");
  if (ok && !is_identifier(fam.name)) c.error("/family", "must be a C identifier (it names models/<family>/)");
  if (auto a = j.find("architectures"); a != j.end()) {
    if (!a->is_array()) c.error("/architectures", "expected a list of class names");
    else
      for (std::size_t i = 0; i < a->size(); ++i) {
        if ((*a)[i].is_string()) fam.architectures.push_back((*a)[i].get<std::string>());
        else c.error(json_path_join("/architectures", i), "expected string, got " + describe_json_value((*a)[i]));
      }
  } else {
    c.error("", "missing required key \"architectures\" (the model classes this family builds)");
  }
  if (auto o = j.find("options"); o != j.end()) {
    if (!o->is_object()) c.error("/options", "expected an object of option declarations");
    else
      for (auto it = o->begin(); it != o->end(); ++it) {
        const std::string p = json_path_join("/options", it.key());
        if (!it->is_object()) {
          c.error(p, "expected {\"type\", \"default\", \"doc\"}");
          continue;
        }
        check_keys(c, *it, p, {"type", "default", "doc", "values"});
        FamilyOption opt;
        opt.name = it.key();
        if (read_typed(c, *it, p, opt)) fam.options.push_back(std::move(opt));
      }
  }
  if (ok) set.families.push_back(std::move(fam));
}

const std::vector<std::string> kModelKeys = {
    "$schema",       "model_type",     "display_name", "config_class",      "config_from",
    "doc",           "fields",         "attribute_map", "base_defaults",    "architectures",
    "tokenizer",     "image_processor", "feature_extractor", "processor",   "kernel"};

std::optional<ModelSchema> load_model(const Json& j, const std::string& file_name, const std::string& shown,
                                      const SchemaSet& set, Diagnostics& diag) {
  const Ctx c{shown, diag};
  if (j.is_null()) return std::nullopt;
  if (!j.is_object()) {
    c.error("", "a model schema must be a JSON object, got " + describe_json_value(j));
    return std::nullopt;
  }
  check_keys(c, j, "", kModelKeys);
  ModelSchema m;
  m.file = shown;
  bool ok = get_string(c, j, "", "model_type", m.model_type, true) &
            get_string(c, j, "", "display_name", m.display_name, true) &
            get_string(c, j, "", "config_class", m.config_class, true) &
            get_string(c, j, "", "config_from", m.config_from, false) & get_string(c, j, "", "doc", m.doc, false);
  if (!ok) return std::nullopt;
  const std::string stem = file_name.size() > 5 ? file_name.substr(0, file_name.size() - 5) : file_name;
  if (m.model_type != stem)
    c.error("/model_type", "is \"" + m.model_type + "\" but the file is " + file_name +
                               "; a schema's file name must be its model_type (" + m.model_type + ".json)");
  if (!is_identifier(m.config_class))
    c.error("/config_class", "not a valid C++ class name: \"" + m.config_class + "\"");
  m.ident = identifier_of(m.model_type);

  if (!m.config_from.empty()) {
    for (const char* k : {"fields", "attribute_map", "base_defaults"})
      if (j.contains(k))
        c.error(json_path_join("", k), "not allowed with \"config_from\": the fields come from schemas/" + m.config_from + ".json");
  } else if (auto f = j.find("fields"); f != j.end()) {
    m.fields = load_fields(c, *f, "/fields");
  } else {
    c.error("", "missing required key \"fields\" (a list; or \"config_from\" to share another type's config)");
  }

  // Field names must not repeat base fields.
  for (std::size_t i = 0; i < m.fields.size(); ++i)
    for (const auto& b : set.base_fields)
      if (b.name == m.fields[i].name)
        c.error(json_path_join(json_path_join("/fields", i), "name"),
                "\"" + b.name + "\" is a PretrainedConfig base field (schemas/_base.json); set its default with \"base_defaults\" instead");

  auto is_field = [&](const std::string& n) {
    for (const auto& f : m.fields)
      if (f.name == n) return true;
    for (const auto& f : set.base_fields)
      if (f.name == n) return true;
    return false;
  };

  if (auto a = j.find("attribute_map"); a != j.end()) {
    if (!a->is_object()) c.error("/attribute_map", "expected an object of alias -> field");
    else
      for (auto it = a->begin(); it != a->end(); ++it) {
        const std::string p = json_path_join("/attribute_map", it.key());
        if (!it->is_string()) {
          c.error(p, "expected the name of a field, got " + describe_json_value(*it));
          continue;
        }
        const std::string target = it->get<std::string>();
        if (is_field(it.key()))
          c.error(p, "alias \"" + it.key() + "\" shadows a field of the same name; remove the alias or rename the field");
        else if (!is_field(target) && target != "num_labels")
          c.error(p, "alias target \"" + target + "\" is not a field of " + m.config_class + " or of PretrainedConfig");
        else
          m.attribute_map.emplace_back(it.key(), target);
      }
  }

  if (auto b = j.find("base_defaults"); b != j.end()) {
    if (!b->is_object()) c.error("/base_defaults", "expected an object of base field -> default");
    else
      for (auto it = b->begin(); it != b->end(); ++it) {
        const std::string p = json_path_join("/base_defaults", it.key());
        if (it.key() == "num_labels") {  // HF's num_labels kwarg: a default label count, not a stored field
          if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
            c.error(p, "expected a non-negative int, got " + describe_json_value(*it));
          else
            m.base_defaults[it.key()] = *it;
          continue;
        }
        const Field* base = nullptr;
        for (const auto& f : set.base_fields)
          if (f.name == it.key()) base = &f;
        if (!base) {
          std::vector<std::string> names;
          for (const auto& f : set.base_fields) names.push_back(f.name);
          const auto near = nearest_names(it.key(), names, 1);
          c.error(p, "not a PretrainedConfig base field" + (near.empty() ? std::string() : " (did you mean \"" + near[0] + "\"?)") +
                         "; model-specific fields go in \"fields\"");
          continue;
        }
        std::vector<std::string_view> values(base->enum_values.begin(), base->enum_values.end());
        std::string why, where;
        if (!base->type.accepts(*it, values, why, where)) c.error(p + where, why);
        else m.base_defaults[it.key()] = *it;
      }
  }

  if (auto a = j.find("architectures"); a != j.end()) {
    if (!a->is_array()) c.error("/architectures", "expected a list of {\"class\", \"auto_classes\"}");
    else {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string p = json_path_join("/architectures", i);
        const Json& e = (*a)[i];
        if (!e.is_object()) {
          c.error(p, "expected {\"class\": ..., \"auto_classes\": [...]}, got " + describe_json_value(e));
          continue;
        }
        check_keys(c, e, p, {"class", "auto_classes"});
        Architecture arch;
        if (!get_string(c, e, p, "class", arch.class_name, true)) continue;
        if (!is_identifier(arch.class_name)) c.error(json_path_join(p, "class"), "not a valid class name");
        if (!seen.insert(arch.class_name).second)
          c.error(json_path_join(p, "class"), "duplicate architecture \"" + arch.class_name + "\" in this schema");
        auto ac = e.find("auto_classes");
        if (ac == e.end() || !ac->is_array()) {
          c.error(p, "missing \"auto_classes\": the list of Auto classes whose mapping names this class");
          continue;
        }
        for (std::size_t k = 0; k < ac->size(); ++k) {
          const std::string ap = json_path_join(json_path_join(p, "auto_classes"), k);
          if (!(*ac)[k].is_string()) {
            c.error(ap, "expected string, got " + describe_json_value((*ac)[k]));
            continue;
          }
          const std::string name = (*ac)[k].get<std::string>();
          if (!set.auto_class(name)) {
            std::vector<std::string> names;
            for (const auto& x : set.auto_classes) names.push_back(x.name);
            const auto near = nearest_names(name, names, 1);
            c.error(ap, "unknown Auto class \"" + name + "\"" +
                            (near.empty() ? std::string() : " (did you mean \"" + near[0] + "\"?)") +
                            "; Auto classes are declared in schemas/_auto_classes.json");
            continue;
          }
          arch.auto_classes.push_back(name);
        }
        m.architectures.push_back(std::move(arch));
      }
    }
  } else {
    c.error("", "missing required key \"architectures\" (may be an empty list)");
  }

  if (auto t = j.find("tokenizer"); t != j.end() && !t->is_null()) {
    if (!t->is_object()) c.error("/tokenizer", "expected {\"slow\": name-or-null, \"fast\": name-or-null}");
    else {
      check_keys(c, *t, "/tokenizer", {"slow", "fast"});
      get_string(c, *t, "/tokenizer", "slow", m.tokenizer_slow, false);
      get_string(c, *t, "/tokenizer", "fast", m.tokenizer_fast, false);
    }
  }
  get_string(c, j, "", "image_processor", m.image_processor, false);
  get_string(c, j, "", "feature_extractor", m.feature_extractor, false);
  get_string(c, j, "", "processor", m.processor, false);

  if (auto k = j.find("kernel"); k != j.end() && !k->is_null()) {
    if (!k->is_object()) c.error("/kernel", "expected {\"family\": name, \"options\": {...}} or null");
    else {
      check_keys(c, *k, "/kernel", {"family", "options"});
      get_string(c, *k, "/kernel", "family", m.kernel_family, true);
      const KernelFamily* fam = m.kernel_family.empty() ? nullptr : set.family(m.kernel_family);
      if (!m.kernel_family.empty() && !fam) {
        std::vector<std::string> names;
        for (const auto& f : set.families) names.push_back(f.name);
        c.error("/kernel/family", "unknown kernel family \"" + m.kernel_family + "\"; known: " + join(names, ", ") +
                                      " (a family is declared by schemas/_families/<family>.json)");
      }
      if (fam) {
        for (const auto& o : fam->options) m.kernel_options[o.name] = o.default_value;
        if (auto opts = k->find("options"); opts != k->end() && !opts->is_null()) {
          if (!opts->is_object()) c.error("/kernel/options", "expected an object");
          else
            for (auto it = opts->begin(); it != opts->end(); ++it) {
              const std::string p = json_path_join("/kernel/options", it.key());
              const FamilyOption* decl = nullptr;
              for (const auto& o : fam->options)
                if (o.name == it.key()) decl = &o;
              if (!decl) {
                std::vector<std::string> names;
                for (const auto& o : fam->options) names.push_back(o.name);
                c.error(p, "family \"" + fam->name + "\" has no option \"" + it.key() + "\"; its options: " +
                               (names.empty() ? std::string("(none)") : join(names, ", ")));
                continue;
              }
              std::vector<std::string_view> values(decl->enum_values.begin(), decl->enum_values.end());
              std::string why, where;
              if (!decl->type.accepts(*it, values, why, where)) c.error(p + where, why);
              else m.kernel_options[it.key()] = *it;
            }
        }
      }
    }
  }
  return m;
}

}  // namespace

std::optional<ModelSchema> load_model_schema(std::string_view text, const std::string& file_name, const SchemaSet& set,
                                             Diagnostics& diag) {
  Json j;
  try {
    j = parse_json(text, file_name);
  } catch (const Error& e) {
    diag.error(file_name, "", e.what());
    return std::nullopt;
  }
  return load_model(j, file_name, file_name, set, diag);
}

SchemaSet load_schemas(const fs::path& dir, const std::string& root, Diagnostics& diag) {
  SchemaSet set;
  if (!fs::is_directory(dir)) {
    diag.error(dir.string(), "", "schemas directory not found");
    return set;
  }
  // Base fields.
  {
    const std::string shown = root + "/_base.json";
    const Ctx c{shown, diag};
    Json j = load_json_or_report(dir / "_base.json", shown, diag);
    if (j.is_object() && j.contains("fields")) {
      check_keys(c, j, "", {"doc", "fields"});
      set.base_fields = load_fields(c, j["fields"], "/fields");
    } else if (!j.is_null()) {
      c.error("", "expected {\"fields\": [...]}");
    }
  }
  load_auto_classes(dir / "_auto_classes.json", root + "/_auto_classes.json", set, diag);
  std::vector<fs::path> family_files, model_files;
  if (fs::is_directory(dir / "_families"))
    for (const auto& e : fs::directory_iterator(dir / "_families"))
      if (e.path().extension() == ".json") family_files.push_back(e.path());
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && e.path().extension() == ".json" && name[0] != '_') model_files.push_back(e.path());
  }
  std::sort(family_files.begin(), family_files.end());
  std::sort(model_files.begin(), model_files.end());
  for (const auto& f : family_files) load_family(f, root + "/_families/" + f.filename().string(), set, diag);
  std::sort(set.families.begin(), set.families.end(), [](const auto& a, const auto& b) { return a.name < b.name; });

  for (const auto& f : model_files) {
    const std::string shown = root + "/" + f.filename().string();
    if (auto m = load_model(load_json_or_report(f, shown, diag), f.filename().string(), shown, set, diag))
      set.models.push_back(std::move(*m));
  }
  std::sort(set.models.begin(), set.models.end(), [](const auto& a, const auto& b) { return a.model_type < b.model_type; });

  // Cross-file rules.
  std::map<std::string, const ModelSchema*> by_class, by_ident;
  for (const auto& m : set.models) {
    if (auto [it, fresh] = by_ident.emplace(m.ident, &m); !fresh)
      diag.error(m.file, "/model_type", "\"" + m.model_type + "\" and \"" + it->second->model_type +
                                            "\" map to the same C identifier \"" + m.ident + "\"");
    if (!m.config_from.empty()) {
      const ModelSchema* owner = set.model(m.config_from);
      if (!owner) diag.error(m.file, "/config_from", "no schema for model type \"" + m.config_from + "\"");
      else if (!owner->config_from.empty())
        diag.error(m.file, "/config_from", "\"" + m.config_from + "\" itself uses config_from; point at \"" + owner->config_from + "\"");
      else if (owner->config_class != m.config_class)
        diag.error(m.file, "/config_class", "is \"" + m.config_class + "\" but config_from \"" + m.config_from +
                                                "\" has \"" + owner->config_class + "\"");
      continue;
    }
    if (auto [it, fresh] = by_class.emplace(m.config_class, &m); !fresh)
      diag.error(m.file, "/config_class", "\"" + m.config_class + "\" is already declared by " + it->second->file +
                                              "; share it with \"config_from\": \"" + it->second->model_type + "\"");
  }
  return set;
}

}  // namespace autoclass::codegen
