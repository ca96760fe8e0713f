// Emits the Auto-class docs in HF's format (`- **bert** -- [`BertModel`] (BERT model)`), a page per
// config class listing its fields, and an index.
#include <algorithm>
#include <map>
#include <sstream>

#include "codegen/emit.h"

namespace autoclass::codegen {
namespace {

std::string model_label(const ModelSchema& m) { return "(" + m.display_name + " model)"; }

std::string classes_text(const std::vector<std::string>& classes) {
  std::string s;
  for (std::size_t i = 0; i < classes.size(); ++i) s += (i ? " or " : "") + ("[`" + classes[i] + "`]");
  return s;
}

std::string md_cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

void emit_auto_class(const SchemaSet& set, const AutoClass& a, OutputSet& out) {
  std::map<std::string, std::vector<std::string>> by_type;  // model_type → classes (schema order)
  std::map<std::string, const ModelSchema*> schema_of;
  for (const auto& m : set.models)
    for (const auto& arch : m.architectures)
      if (std::find(arch.auto_classes.begin(), arch.auto_classes.end(), a.name) != arch.auto_classes.end()) {
        by_type[m.model_type].push_back(arch.class_name);
        schema_of[m.model_type] = &m;
      }
  std::ostringstream d;
  d << md_banner("schemas/_auto_classes.json and schemas/*.json") << "# " << a.name << "\n\n"
    << "This is a generic model class that will be instantiated as one of the " << a.noun << " of the library"
    << (a.head.empty() ? "" : " (" + a.head + ")") << " when created with the [`~" << a.name
    << ".from_pretrained`] class method or the [`~" << a.name << ".from_config`] class method.\n\n"
    << "This class cannot be instantiated directly using `__init__()` (throws an error).\n\n"
    << "HF mapping: `" << a.hf_mapping << "` — " << by_type.size() << " model types.\n\n"
    << "## from_config\n\nThe model class to instantiate is selected based on the configuration class:\n\n";
  // Sorted by config class name, as HF's from_config docstring.
  std::vector<std::pair<std::string, std::string>> by_config;
  for (const auto& [type, classes] : by_type)
    by_config.emplace_back(schema_of[type]->config_class, "- [`" + schema_of[type]->config_class +
                                                              "`] configuration class: " + classes_text(classes) + " " +
                                                              model_label(*schema_of[type]));
  std::sort(by_config.begin(), by_config.end());
  by_config.erase(std::unique(by_config.begin(), by_config.end()), by_config.end());
  for (const auto& [cls, line] : by_config) d << line << "\n";
  d << "\n## from_pretrained\n\nThe model class to instantiate is selected based on the `model_type` property of the "
       "config object (either passed as an argument or loaded from `pretrained_model_name_or_path` if possible):\n\n";
  for (const auto& [type, classes] : by_type)
    d << "- **" << type << "** -- " << classes_text(classes) << " " << model_label(*schema_of[type]) << "\n";
  out.add("docs/" + a.name + ".md", d.str());
}

void emit_auto_config(const SchemaSet& set, OutputSet& out) {
  std::ostringstream d;
  d << md_banner("schemas/*.json") << "# AutoConfig\n\n"
    << "This is a generic configuration class that will be instantiated as one of the configuration classes of the "
       "library when created with the [`~AutoConfig.from_pretrained`] class method.\n\n"
    << "The configuration class to instantiate is selected based on the `model_type` property of the config object "
       "that is loaded:\n\n";
  for (const auto& m : set.models)
    d << "- **" << m.model_type << "** -- [`" << m.config_class << "`] " << model_label(m) << "\n";
  out.add("docs/AutoConfig.md", d.str());
}

void emit_simple_mapping(const SchemaSet& set, OutputSet& out, const std::string& title, const std::string& what,
                         std::vector<std::string> (*classes_of)(const ModelSchema&)) {
  std::ostringstream d;
  d << md_banner("schemas/*.json") << "# " << title << "\n\n"
    << "The " << what << " class to instantiate is selected based on the `model_type` property of the config "
    << "object:\n\n";
  for (const auto& m : set.models) {
    const auto classes = classes_of(m);
    if (classes.empty()) continue;
    d << "- **" << m.model_type << "** -- " << classes_text(classes) << " " << model_label(m) << "\n";
  }
  out.add("docs/" + title + ".md", d.str());
}

std::vector<std::string> tokenizer_classes(const ModelSchema& m) {
  std::vector<std::string> v;
  if (!m.tokenizer_slow.empty()) v.push_back(m.tokenizer_slow);
  if (!m.tokenizer_fast.empty()) v.push_back(m.tokenizer_fast);
  return v;
}
std::vector<std::string> image_processor_classes(const ModelSchema& m) {
  return m.image_processor.empty() ? std::vector<std::string>{} : std::vector<std::string>{m.image_processor};
}
std::vector<std::string> feature_extractor_classes(const ModelSchema& m) {
  return m.feature_extractor.empty() ? std::vector<std::string>{} : std::vector<std::string>{m.feature_extractor};
}
std::vector<std::string> processor_classes(const ModelSchema& m) {
  return m.processor.empty() ? std::vector<std::string>{} : std::vector<std::string>{m.processor};
}

void emit_config_page(const SchemaSet& set, const ModelSchema& m, OutputSet& out) {
  std::ostringstream d;
  d << md_banner(m.file) << "# " << m.config_class << "\n\n"
    << "Configuration of " << m.display_name << " models (`model_type: \"" << m.model_type << "\"`).";
  if (!m.doc.empty()) d << " " << m.doc;
  d << "\n\n";
  std::vector<std::string> sharing;
  for (const auto& other : set.models)
    if (other.config_from == m.model_type) sharing.push_back(other.model_type);
  if (!sharing.empty()) {
    d << "Also used by model types:";
    for (const auto& s : sharing) d << " `" << s << "`";
    d << ".\n\n";
  }
  if (!m.kernel_family.empty()) d << "Runs on kernel family `" << m.kernel_family << "` (models/" << m.kernel_family << "/).\n\n";
  else d << "No kernel runs this model type yet: its configs load, save and document.\n\n";
  d << "| field | type | default | description |\n|---|---|---|---|\n";
  for (const auto& f : m.fields) {
    std::string type = f.type_spelling;
    if (!f.enum_values.empty()) {
      type += " (";
      for (std::size_t i = 0; i < f.enum_values.size(); ++i) type += (i ? ", " : "") + ("`" + f.enum_values[i] + "`");
      type += ")";
    }
    d << "| `" << f.name << "` | " << md_cell(type) << " | `" << md_cell(f.default_value.dump()) << "` | "
      << md_cell(f.doc) << " |\n";
  }
  if (!m.attribute_map.empty()) {
    d << "\nAliases (`attribute_map`):\n\n";
    for (const auto& [alias, target] : m.attribute_map) d << "- `" << alias << "` → `" << target << "`\n";
  }
  if (!m.base_defaults.empty()) {
    d << "\nPretrainedConfig defaults changed by this config:\n\n";
    for (auto it = m.base_defaults.begin(); it != m.base_defaults.end(); ++it)
      d << "- `" << it.key() << "`: `" << it.value().dump() << "`\n";
  }
  if (!m.architectures.empty()) {
    d << "\nArchitectures:\n\n";
    for (const auto& arch : m.architectures) {
      d << "- [`" << arch.class_name << "`]";
      if (!arch.auto_classes.empty()) {
        d << " —";
        for (std::size_t i = 0; i < arch.auto_classes.size(); ++i) d << (i ? "," : "") << " `" << arch.auto_classes[i] << "`";
      }
      d << "\n";
    }
  }
  out.add("docs/configs/" + m.config_class + ".md", d.str());
}

}  // namespace

void emit_docs(const SchemaSet& set, OutputSet& out) {
  emit_auto_config(set, out);
  emit_simple_mapping(set, out, "AutoTokenizer", "tokenizer", tokenizer_classes);
  emit_simple_mapping(set, out, "AutoImageProcessor", "image processor", image_processor_classes);
  emit_simple_mapping(set, out, "AutoFeatureExtractor", "feature extractor", feature_extractor_classes);
  emit_simple_mapping(set, out, "AutoProcessor", "processor", processor_classes);
  for (const auto& a : set.auto_classes) emit_auto_class(set, a, out);
  for (const auto& m : set.models)
    if (m.config_from.empty()) emit_config_page(set, m, out);

  std::ostringstream idx;
  idx << md_banner("schemas/") << "# autoclass generated docs\n\n" << set.models.size() << " model types, "
      << set.auto_classes.size() << " Auto classes, " << set.families.size() << " kernel families.\n\n"
      << "- [AutoConfig](AutoConfig.md)\n- [AutoTokenizer](AutoTokenizer.md)\n- [AutoImageProcessor](AutoImageProcessor.md)\n"
      << "- [AutoFeatureExtractor](AutoFeatureExtractor.md)\n- [AutoProcessor](AutoProcessor.md)\n";
  for (const auto& a : set.auto_classes) idx << "- [" << a.name << "](" << a.name << ".md)\n";
  idx << "\n## Kernel families\n\n";
  for (const auto& f : set.families) {
    idx << "- `" << f.name << "` — " << f.doc << " (follows " << f.hf_source << ")";
    std::vector<std::string> types;
    for (const auto& m : set.models)
      if (m.kernel_family == f.name) types.push_back(m.model_type);
    if (!types.empty()) {
      idx << "; model types:";
      for (const auto& t : types) idx << " `" << t << "`";
    }
    idx << "\n";
  }
  idx << "\n## Config classes\n\n";
  for (const auto& m : set.models)
    if (m.config_from.empty()) idx << "- [" << m.config_class << "](configs/" << m.config_class << ".md) — `" << m.model_type << "`\n";
  out.add("docs/README.md", idx.str());
}

}  // namespace autoclass::codegen
