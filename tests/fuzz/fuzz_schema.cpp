// libFuzzer target: arbitrary bytes as one model schema (schemas/<type>.json), validated against the real
// schemas/ folder's base fields, Auto classes and families. An accepted schema must also go through the
// config emitter. Problems must come out as Diagnostics, never as a crash or an escaping exception.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "codegen/emit.h"
#include "codegen/schema_loader.h"

#ifndef AUTOCLASS_SOURCE_DIR
#error "AUTOCLASS_SOURCE_DIR must name the source tree"
#endif

namespace {
const autoclass::codegen::SchemaSet& real_schemas() {
  static const autoclass::codegen::SchemaSet set = [] {
    autoclass::codegen::Diagnostics diag;
    auto s = autoclass::codegen::load_schemas(AUTOCLASS_SOURCE_DIR "/schemas", "schemas", diag);
    if (!diag.ok()) {
      std::fprintf(stderr, "schemas/ itself does not validate: %s\n", diag.errors().front().c_str());
      std::abort();
    }
    return s;
  }();
  return set;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace autoclass::codegen;
  const SchemaSet& base = real_schemas();
  Diagnostics diag;
  auto model = load_model_schema(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json", base, diag);
  if (!model || !diag.ok()) return 0;
  if (model->config_from.empty() == false && !base.model(model->config_from)) return 0;
  SchemaSet one;
  one.base_fields = base.base_fields;
  one.auto_classes = base.auto_classes;
  one.families = base.families;
  if (!model->config_from.empty()) one.models.push_back(*base.model(model->config_from));
  one.models.push_back(std::move(*model));
  OutputSet out;
  emit_configs(one, out);
  emit_tables(one, out);
  emit_docs(one, out);
  return 0;
}
