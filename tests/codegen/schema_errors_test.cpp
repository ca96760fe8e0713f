// A broken schema is reported with its file, the JSON path and what was expected.
#include <catch2/catch.hpp>

#include <fstream>

#include "codegen/emit.h"
#include "codegen/schema_loader.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using namespace autoclass::codegen;
namespace fs = std::filesystem;

namespace {
// A copy of the golden schemas in a temp "schemas" folder, with one file replaced.
struct SchemaDir {
  test::TempDir tmp;
  fs::path dir = tmp.path() / "schemas";
  SchemaDir() {
    fs::copy(test::source_dir() / "tests/codegen/goldens/schemas", dir, fs::copy_options::recursive);
  }
  void write(const std::string& rel, const std::string& text) { std::ofstream(dir / rel) << text; }
  std::vector<std::string> errors() {
    Diagnostics d;
    load_schemas(dir, "schemas", d);
    return d.errors();
  }
};

bool has_error(const std::vector<std::string>& errors, const std::string& needle) {
  for (const auto& e : errors)
    if (e.find(needle) != std::string::npos) return true;
  std::string all;
  for (const auto& e : errors) all += "\n  " + e;
  UNSCOPED_INFO("errors were:" << all);
  return false;
}

const char* kMinimal = R"({"model_type": "%T", "display_name": "X", "config_class": "%C", "fields": [%F], "architectures": [%A]})";

std::string schema(const std::string& type, const std::string& cls, const std::string& fields, const std::string& archs = "") {
  std::string s = kMinimal;
  auto rep = [&](const std::string& k, const std::string& v) { s.replace(s.find(k), k.size(), v); };
  rep("%T", type);
  rep("%C", cls);
  rep("%F", fields);
  rep("%A", archs);
  return s;
}
}  // namespace

TEST_CASE("the golden schemas are valid") {
  SchemaDir s;
  CHECK(s.errors().empty());
}

TEST_CASE("a wrong default type names file, path and expectation") {
  SchemaDir s;
  s.write("foo.json", schema("foo", "FooConfig", R"({"name": "a", "type": "int", "default": 1, "doc": ""},
    {"name": "b", "type": "int", "default": 2, "doc": ""}, {"name": "c", "type": "int", "default": 3, "doc": ""},
    {"name": "d", "type": "int", "default": "abc", "doc": ""})"));
  CHECK(has_error(s.errors(), "schemas/foo.json: /fields/3/default: expected int, got \"abc\""));
}

TEST_CASE("malformed JSON in a schema gives line and column") {
  SchemaDir s;
  s.write("foo.json", "{\n  \"model_type\": \"foo\",,\n}");
  CHECK(has_error(s.errors(), "schemas/foo.json:2:"));
}

TEST_CASE("cross-file and semantic rules") {
  SchemaDir s;
  SECTION("file name must equal model_type") {
    s.write("foo.json", schema("bar", "FooConfig", ""));
    CHECK(has_error(s.errors(), "schemas/foo.json: /model_type: is \"bar\""));
  }
  SECTION("duplicate config class") {
    s.write("foo.json", schema("foo", "ToyConfig", ""));
    CHECK(has_error(s.errors(), "/config_class: \"ToyConfig\" is already declared by schemas/"));
  }
  SECTION("alias shadowing a field") {
    s.write("foo.json", R"({"model_type": "foo", "display_name": "X", "config_class": "FooConfig",
      "fields": [{"name": "a", "type": "int", "default": 1, "doc": ""}], "attribute_map": {"a": "a"}, "architectures": []})");
    CHECK(has_error(s.errors(), "schemas/foo.json: /attribute_map/a: alias \"a\" shadows a field"));
  }
  SECTION("unknown Auto class with a suggestion") {
    s.write("foo.json", schema("foo", "FooConfig", "", R"({"class": "FooModel", "auto_classes": ["AutoModelForCausalLLM"]})"));
    CHECK(has_error(s.errors(), "/architectures/0/auto_classes/0: unknown Auto class \"AutoModelForCausalLLM\" (did you mean \"AutoModelForCausalLM\"?)"));
  }
  SECTION("a field repeating a base field") {
    s.write("foo.json", schema("foo", "FooConfig", R"({"name": "pad_token_id", "type": "int", "default": 0, "doc": ""})"));
    CHECK(has_error(s.errors(), "/fields/0/name: \"pad_token_id\" is a PretrainedConfig base field"));
  }
  SECTION("unknown key with a suggestion") {
    s.write("foo.json", R"({"model_type": "foo", "display_name": "X", "config_class": "FooConfig", "feilds": [], "architectures": []})");
    CHECK(has_error(s.errors(), "schemas/foo.json: /feilds: unknown key (did you mean \"fields\"?)"));
  }
  SECTION("unknown kernel family and option") {
    s.write("foo.json", R"({"model_type": "foo", "display_name": "X", "config_class": "FooConfig", "fields": [],
      "architectures": [], "kernel": {"family": "nope"}})");
    CHECK(has_error(s.errors(), "/kernel/family: unknown kernel family \"nope\""));
    s.write("foo.json", R"({"model_type": "foo", "display_name": "X", "config_class": "FooConfig", "fields": [],
      "architectures": [], "kernel": {"family": "toy", "options": {"qk_nrom": true}}})");
    CHECK(has_error(s.errors(), "/kernel/options/qk_nrom: family \"toy\" has no option"));
  }
  SECTION("bad type spelling") {
    s.write("foo.json", schema("foo", "FooConfig", R"({"name": "a", "type": "list<int", "default": [], "doc": ""})"));
    CHECK(has_error(s.errors(), "/fields/0/type: type 'list<int' is missing its closing '>'"));
  }
  SECTION("enum default outside its values") {
    s.write("foo.json", schema("foo", "FooConfig", R"({"name": "a", "type": "enum", "values": ["x"], "default": "y", "doc": ""})"));
    CHECK(has_error(s.errors(), "/fields/0/default: expected one of \"x\", got \"y\""));
  }
  SECTION("config_from naming an unknown type") {
    s.write("foo.json", R"({"model_type": "foo", "display_name": "X", "config_class": "FooConfig", "config_from": "nope", "architectures": []})");
    CHECK(has_error(s.errors(), "schemas/foo.json: /config_from: no schema for model type \"nope\""));
  }
}

TEST_CASE("generation is deterministic") {
  SchemaDir s;
  Diagnostics d;
  const auto set = load_schemas(s.dir, "schemas", d);
  REQUIRE(d.ok());
  OutputSet a, b;
  emit_configs(set, a); emit_tables(set, a); emit_docs(set, a);
  emit_configs(set, b); emit_tables(set, b); emit_docs(set, b);
  CHECK(a.files() == b.files());
  CHECK(a.files().count("docs/AutoModelForCausalLM.md") == 1);
  const std::string& doc = a.files().at("docs/AutoModelForCausalLM.md");
  CHECK(doc.find("- **toy** -- [`ToyForCausalLM`] or [`ToyForCausalLMAlt`] (Toy model)") != std::string::npos);
  CHECK(doc.find("- **toy-variant** -- [`ToyForCausalLM`] (Toy Variant model)") != std::string::npos);
}

TEST_CASE("adding a schema file adds its config class, table rows and doc lines") {
  SchemaDir s;
  s.write("newtype.json", R"({"model_type": "newtype", "display_name": "NewType", "config_class": "NewTypeConfig",
    "fields": [{"name": "hidden_size", "type": "int", "default": 8, "doc": "Width."}],
    "architectures": [{"class": "NewTypeForCausalLM", "auto_classes": ["AutoModelForCausalLM"]}],
    "kernel": {"family": "toy"}})");
  Diagnostics d;
  const auto set = load_schemas(s.dir, "schemas", d);
  REQUIRE(d.ok());
  OutputSet out;
  emit_configs(set, out);
  emit_tables(set, out);
  emit_docs(set, out);
  REQUIRE(out.files().count("configs/newtype_config.h"));
  CHECK(out.files().at("configs/newtype_config.h").find("class NewTypeConfig : public PretrainedConfig") != std::string::npos);
  CHECK(out.files().at("tables/model_types.cpp").find("{\"newtype\", \"NewType\", \"NewTypeConfig\"") != std::string::npos);
  CHECK(out.files().at("tables/auto_mappings.cpp").find("{\"AutoModelForCausalLM\", \"newtype\", \"NewTypeForCausalLM\", false}") != std::string::npos);
  CHECK(out.files().at("docs/AutoModelForCausalLM.md").find("- **newtype** -- [`NewTypeForCausalLM`] (NewType model)") != std::string::npos);
  CHECK(out.files().at("docs/AutoConfig.md").find("- **newtype** -- [`NewTypeConfig`] (NewType model)") != std::string::npos);
}
