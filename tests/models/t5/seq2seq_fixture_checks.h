// Fidelity checks shared by the encoder–decoder families (T5, BART) against tests/fixtures/models/<name>:
// forward outputs vs HF's expected.safetensors, greedy ids, beam search, KV-cache consistency.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "runtime/config/config_view.h"
#include "runtime/model/model.h"

namespace autoclass::test {

using FamilyCreate = std::function<std::unique_ptr<Model>(const ModelRequest&)>;

// A model built from the fixture folder with autoclass::JsonConfigView over its config.json.
struct LoadedFixture {
  std::string dir;
  std::unique_ptr<JsonConfigView> config;
  std::unique_ptr<WeightSource> weights;
  LoadReport report;
  std::unique_ptr<Model> model;
};
std::unique_ptr<LoadedFixture> load_fixture(const std::string& name, const std::string& architecture,
                                            const FamilyCreate& create);

// All checks; `lm_architecture` e.g. "T5ForConditionalGeneration", `base_architecture` "T5Model".
void check_seq2seq_fixture(const std::string& name, const std::string& lm_architecture,
                           const std::string& base_architecture, const FamilyCreate& create);

}  // namespace autoclass::test
