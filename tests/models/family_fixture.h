// Loads a model fixture straight through one kernel family's create() (below the Auto classes), for
// the family tests: config.json as a JsonConfigView, the checkpoint, and the load report.
#pragma once

#include <memory>
#include <string>

#include "runtime/config/config_view.h"
#include "runtime/model/model.h"
#include "runtime/safetensors/checkpoint.h"
#include "tests/support/fixtures.h"

namespace autoclass::test {

struct FamilyFixture {
  JsonConfigView config;
  std::unique_ptr<WeightSource> weights;
  LoadReport report;
  std::unique_ptr<Model> model;
};

inline std::unique_ptr<FamilyFixture> load_family_fixture(const std::string& fixture_name, const std::string& architecture,
                                                         ModelFactory create) {
  const auto dir = fixture(fixture_name);
  auto l = std::unique_ptr<FamilyFixture>(
      new FamilyFixture{JsonConfigView(parse_json_file(dir / "config.json")), open_checkpoint(dir), {}, nullptr});
  ModelRequest request{l->config, architecture, "", Json::object(), l->weights.get(), 0, &l->report};
  l->model = create(request);
  return l;
}

}  // namespace autoclass::test
