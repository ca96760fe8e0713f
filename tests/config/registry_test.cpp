// The generated tables against the reference written down from HF's auto mappings.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "runtime/config/registry.h"
#include "tests/support/fixtures.h"

using namespace autoclass;

namespace {
std::vector<std::vector<std::string>> read_tsv(const std::string& rel) {
  std::ifstream in(test::source_dir() / "tests/data" / rel);
  REQUIRE(in);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) { header = false; continue; }
    if (line.empty()) continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
    rows.push_back(cols);
  }
  return rows;
}
}  // namespace

TEST_CASE("every (model_type, Auto class, architecture) triple of HF's modeling_auto.py is in our tables") {
  const auto rows = read_tsv("hf_auto_triples.tsv");
  REQUIRE(rows.size() > 1000);
  std::set<std::tuple<std::string, std::string, std::string>> ours;
  for (const auto& r : generated::auto_mappings())
    ours.emplace(std::string(r.model_type), std::string(r.auto_class), std::string(r.architecture));
  std::size_t missing = 0;
  for (const auto& r : rows) {
    REQUIRE(r.size() >= 3);
    if (!ours.count({r[0], r[1], r[2]})) {
      UNSCOPED_INFO("missing: " << r[0] << " / " << r[1] << " / " << r[2]);
      ++missing;
    }
  }
  CHECK(missing == 0);
  CHECK(ours.size() == rows.size());
}

TEST_CASE("config mapping and display names match HF's") {
  const auto rows = read_tsv("hf_config_mapping.tsv");
  REQUIRE(rows.size() > 400);
  for (const auto& r : rows) {
    INFO(r[0]);
    const ModelTypeRow* row = find_model_type(r[0]);
    REQUIRE(row);
    CHECK(row->config_class == r[1]);
    CHECK(row->display_name == r[2]);
  }
  CHECK(generated::model_types().size() == rows.size());
}

TEST_CASE("tables are sorted and consistent") {
  const auto types = generated::model_types();
  for (std::size_t i = 1; i < types.size(); ++i) CHECK(types[i - 1].model_type < types[i].model_type);
  for (const auto& m : generated::auto_mappings()) {
    CHECK(find_model_type(m.model_type));
    CHECK(find_auto_class(m.auto_class));
  }
  CHECK(find_auto_class("AutoModelForCausalLM"));
  const auto llama = auto_mapping_for("AutoModelForCausalLM", "llama");
  REQUIRE(llama.size() == 1);
  CHECK(llama[0]->architecture == "LlamaForCausalLM");
}
