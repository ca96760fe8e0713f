// Every checkpoint and reference file under tests/fixtures/models loads through the reader.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "runtime/core/error.h"
#include "runtime/safetensors/safetensors.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;

namespace {
// Reads every element (as F32 for float types), so a bad offset would show up under sanitizers.
void touch_all(const WeightSource& w) {
  for (const auto& name : w.names()) {
    const Tensor t = w.get(name);
    REQUIRE(t.numel() == shape_numel(t.shape()));
    if (t.dtype() == DType::kF32 || t.dtype() == DType::kBF16 || t.dtype() == DType::kF16) {
      const Tensor f = t.to(DType::kF32);
      double sum = 0;
      for (float v : f.values<float>()) sum += std::fabs(v);
      CHECK(std::isfinite(sum));
    }
  }
}
}  // namespace

TEST_CASE("every fixture model.safetensors and expected.safetensors loads") {
  int files = 0;
  for (const auto& dir : fs::directory_iterator(test::fixture("models"))) {
    if (!dir.is_directory()) continue;
    for (const char* name : {"model.safetensors", "expected.safetensors"}) {
      const fs::path p = dir.path() / name;
      if (!fs::exists(p)) continue;
      INFO(p.string());
      SafetensorsFile f(p);
      CHECK(!f.names().empty());
      CHECK(f.metadata().at("format") == "pt");
      touch_all(f);
      ++files;
    }
  }
  CHECK(files >= 40);
}

TEST_CASE("expected.safetensors holds F32 tensors whose shapes match expected.json") {
  const fs::path dir = test::fixture("models/t5");
  SafetensorsFile f(dir / "expected.safetensors");
  const Json expected = parse_json_file(dir / "expected.json");
  for (const auto& [name, info] : expected["tensors"].items()) {
    INFO(name);
    const Tensor t = f.get(name);
    CHECK(t.dtype() == DType::kF32);
    CHECK(t.shape() == info["shape"].get<Shape>());
  }
}

TEST_CASE("llama_bf16 keeps bf16 and borrows the mapping") {
  SafetensorsFile f(test::fixture("models/llama_bf16/model.safetensors"));
  const Tensor emb = f.get("model.embed_tokens.weight");
  CHECK(emb.dtype() == DType::kBF16);
  CHECK(emb.shape() == Shape{1000, 64});
  // Borrowed: read-only view into the file, no copy.
  CHECK_THROWS_AS(Tensor(emb).raw_mut(), Error);
  const Tensor f32 = emb.to(DType::kF32);
  const auto* raw = static_cast<const std::uint16_t*>(emb.raw());
  CHECK(f32.data<float>()[5] == bf16_to_f32(raw[5]));
}

TEST_CASE("tensors outlive the SafetensorsFile that produced them") {
  Tensor kept;
  float first = 0;
  {
    SafetensorsFile f(test::fixture("models/bert_mlm/model.safetensors"));
    kept = f.get("bert.embeddings.LayerNorm.weight");
    first = kept.data<float>()[0];
  }
  CHECK(kept.data<float>()[0] == first);  // the shared owner kept the mmap alive
}

TEST_CASE("gpt2_sharded opens through the index and resolves every tensor to its shard") {
  const fs::path dir = test::fixture("models/gpt2_sharded");
  auto w = open_checkpoint(dir);
  CHECK(w->origin() == (dir / "model.safetensors.index.json").string());
  const auto* sharded = dynamic_cast<const ShardedCheckpoint*>(w.get());
  REQUIRE(sharded != nullptr);
  CHECK(sharded->index().shards.size() == 4);
  std::uint64_t total = 0;
  for (const auto& name : w->names()) total += w->get(name).nbytes();
  CHECK(total == sharded->index().metadata["total_size"].get<std::uint64_t>());
  CHECK(w->has("transformer.wte.weight"));
  CHECK(w->get("transformer.wte.weight").shape() == Shape{1000, 64});
  CHECK_FALSE(w->has("lm_head.weight"));
  CHECK_THROWS_WITH(w->get("lm_head.weight"), Catch::Contains("lm_head.weight"));
  touch_all(*w);
}

TEST_CASE("open_checkpoint prefers model.safetensors, as HF does") {
  const fs::path dir = test::fixture("models/llama_bf16");
  auto w = open_checkpoint(dir);
  CHECK(w->origin() == (dir / "model.safetensors").string());
  CHECK(dynamic_cast<const SafetensorsFile*>(w.get()) != nullptr);
}
