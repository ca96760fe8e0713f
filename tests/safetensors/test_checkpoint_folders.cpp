// open_checkpoint and model.safetensors.index.json: folder layouts, hostile shard paths, missing shards.
#include <catch2/catch.hpp>

#include <fstream>

#include "runtime/core/error.h"
#include "runtime/safetensors/index.h"
#include "runtime/safetensors/safetensors.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;

namespace {
void write_text(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

// A copy of gpt2_sharded whose index is replaced by `index_text`.
fs::path sharded_copy(const test::TempDir& tmp, const std::string& index_text) {
  for (const auto& e : fs::directory_iterator(test::fixture("models/gpt2_sharded")))
    if (e.path().extension() == ".safetensors") fs::copy_file(e.path(), tmp.path() / e.path().filename());
  write_text(tmp.path() / "model.safetensors.index.json", index_text);
  return tmp.path();
}
}  // namespace

TEST_CASE("a folder without safetensors weights says what it holds") {
  test::TempDir tmp;
  std::string msg = error_of([&] { open_checkpoint(tmp.path()); });
  CHECK_THAT(msg, Catch::Contains("model.safetensors") && Catch::Contains("nothing"));

  write_text(tmp.path() / "config.json", "{}");
  write_text(tmp.path() / "pytorch_model.bin", "pickle");
  msg = error_of([&] { open_checkpoint(tmp.path()); });
  CHECK_THAT(msg, Catch::Contains(tmp.path().string()) && Catch::Contains("config.json, pytorch_model.bin") &&
                      Catch::Contains("PyTorch pickle") && Catch::Contains("convert it to safetensors"));
  msg = error_of([&] { open_checkpoint(tmp.path() / "pytorch_model.bin"); });
  CHECK_THAT(msg, Catch::Contains("convert it to safetensors"));
  msg = error_of([&] { open_checkpoint(tmp.path() / "nowhere"); });
  CHECK_THAT(msg, Catch::Contains("nowhere") && Catch::Contains("no such"));
}

TEST_CASE("model.safetensors wins over an index in the same folder") {
  test::TempDir tmp;
  const fs::path dir = sharded_copy(tmp, read_text_file(test::fixture("models/gpt2_sharded/model.safetensors.index.json")));
  CHECK(dynamic_cast<ShardedCheckpoint*>(open_checkpoint(dir).get()) != nullptr);
  save_safetensors(dir / "model.safetensors", {{"only", Tensor(DType::kF32, {1})}});
  auto w = open_checkpoint(dir);
  CHECK(w->names() == std::vector<std::string>{"only"});
  // A direct path to either file works too.
  CHECK(open_checkpoint(dir / "model.safetensors.index.json")->has("transformer.wte.weight"));
}

TEST_CASE("index shard paths that escape the folder are refused") {
  for (const std::string shard : {"../model-00001-of-00004.safetensors", "/etc/passwd", "sub/../../x.safetensors", "",
                                  "..\\\\x.safetensors"}) {
    INFO(shard);
    test::TempDir tmp;
    const std::string index = R"({"weight_map": {"transformer.wte.weight": ")" + shard + R"("}})";
    const fs::path dir = sharded_copy(tmp, index);
    const std::string msg = error_of([&] { open_checkpoint(dir); });
    CHECK_THAT(msg, Catch::Contains("model.safetensors.index.json") && Catch::Contains("/weight_map/transformer.wte.weight"));
  }
}

TEST_CASE("index naming a missing shard or a tensor its shard lacks") {
  test::TempDir tmp;
  fs::path dir = sharded_copy(tmp, R"({"weight_map": {"transformer.wte.weight": "model-00009-of-00009.safetensors"}})");
  CHECK_THAT(error_of([&] { open_checkpoint(dir); }),
             Catch::Contains("model-00009-of-00009.safetensors") && Catch::Contains("transformer.wte.weight") &&
                 Catch::Contains("does not exist"));
  write_text(dir / "model.safetensors.index.json", R"({"weight_map": {"ghost": "model-00001-of-00004.safetensors"}})");
  CHECK_THAT(error_of([&] { open_checkpoint(dir); }), Catch::Contains("'ghost'") && Catch::Contains("no such tensor"));
}

TEST_CASE("malformed index files") {
  const std::string origin = "/x/model.safetensors.index.json";
  auto msg = [&](const std::string& text) { return error_of([&] { safetensors::parse_index(text, origin); }); };
  CHECK_THAT(msg("{\"weight_map\": {"), Catch::Contains(origin + ":1:") && Catch::Contains("malformed JSON"));
  CHECK_THAT(msg("[]"), Catch::Contains("expected a JSON object"));
  CHECK_THAT(msg("{\"metadata\": {}}"), Catch::Contains("missing \"weight_map\""));
  CHECK_THAT(msg("{\"weight_map\": []}"), Catch::Contains("/weight_map: expected an object"));
  CHECK_THAT(msg("{\"weight_map\": {}}"), Catch::Contains("/weight_map is empty"));
  CHECK_THAT(msg("{\"weight_map\": {\"a\": 3}}"), Catch::Contains("/weight_map/a: expected a shard file name"));
  CHECK_THAT(msg("{\"weight_map\": {\"a\": \"s\", \"a\": \"t\"}}"), Catch::Contains("duplicate key 'a'"));
  CHECK_THAT(msg("{\"metadata\": 5, \"weight_map\": {\"a\": \"s\"}}"), Catch::Contains("/metadata"));
  const auto ok = safetensors::parse_index(R"({"metadata": {"total_size": 8}, "weight_map": {"a": "s1", "b": "s0", "c": "s1"}})", origin);
  CHECK(ok.shards == std::vector<std::string>{"s0", "s1"});
  CHECK(ok.weight_map.at("a") == "s1");
}
