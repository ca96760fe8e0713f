// Test helper: builds a bert-family model straight from a fixture folder (config.json through
// JsonConfigView, model.safetensors through SafetensorsFile) with the schema's kernel options.
#pragma once

#include <memory>
#include <string>

#include "runtime/config/config_view.h"
#include "runtime/model/model.h"
#include "runtime/safetensors/safetensors.h"

namespace autoclass::test {

// The kernel.options of schemas/<model_type>.json when that schema names the bert family, else the
// options this family expects for the five model types (so the tests run before the schemas land).
Json bert_kernel_options(const std::string& model_type);

struct LoadedBert {
  std::unique_ptr<JsonConfigView> config;
  std::unique_ptr<SafetensorsFile> weights;  // null for from_config models
  LoadReport report;
  std::unique_ptr<Model> model;
};

// `architecture` e.g. "BertForMaskedLM"; `with_weights` false builds from config (random init, `seed`).
LoadedBert load_bert_fixture(const std::string& fixture_name, const std::string& architecture, bool with_weights = true,
                             std::uint64_t seed = 0);

// Runs `model` on the expected.json inputs named by tensors.<tensor>.inputs.
TensorMap run_for_expected(Model& model, const Json& expected, const std::string& tensor);

}  // namespace autoclass::test
