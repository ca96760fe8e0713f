// The cache written by the real huggingface_hub (tests/fixtures/hub-cache) read offline, as is.
// HF_ENDPOINT points at a dead loopback port so any network attempt would fail the test.
#include <catch2/catch.hpp>

#include "runtime/hub/hub_internal.h"
#include "tests/hub/hub_test_env.h"

using namespace autoclass;
using namespace autoclass::test;
namespace fs = std::filesystem;

namespace {

struct OfflineCache : HubTestEnv {
  OfflineCache() {
    extract_fixture_cache(cache);
    env.set("HF_ENDPOINT", "http://127.0.0.1:9");
    env.set("HF_HUB_OFFLINE", "1");
  }
  fs::path bert_snapshot() const { return cache / "models--autoclass-test--tiny-bert" / "snapshots" / kBertCommit; }
  fs::path gpt2_snapshot() const { return cache / "models--autoclass-test--tiny-gpt2-sharded" / "snapshots" / kGpt2Commit; }
};

HubOptions with_revision(const std::string& revision) {
  HubOptions o;
  o.revision = revision;
  o.progress = false;
  return o;
}

}  // namespace

TEST_CASE("offline: files resolve through refs/main to the snapshot and are byte-identical to the fixtures", "[hub]") {
  OfflineCache t;
  for (const char* name : {"config.json", "model.safetensors", "vocab.txt", "tokenizer.json"}) {
    INFO(name);
    const fs::path p = hf_hub_download(kBertRepo, name);
    CHECK(p == t.bert_snapshot() / name);
    CHECK(read_bytes(p) == read_bytes(fixture("models/bert_mlm") / name));
  }
  CHECK(hf_hub_download(kGpt2Repo, "model-00003-of-00004.safetensors") == t.gpt2_snapshot() / "model-00003-of-00004.safetensors");
}

TEST_CASE("offline: a full commit sha is served from snapshots/SHA without reading refs/", "[hub]") {
  OfflineCache t;
  fs::remove(t.cache / "models--autoclass-test--tiny-bert" / "refs" / "main");
  CHECK(hf_hub_download(kBertRepo, "config.json", with_revision(kBertCommit)) == t.bert_snapshot() / "config.json");
  // Even online (no HF_HUB_OFFLINE) a cached commit needs no network: the endpoint is dead.
  t.env.unset("HF_HUB_OFFLINE");
  CHECK(hf_hub_download(kBertRepo, "vocab.txt", with_revision(kBertCommit)) == t.bert_snapshot() / "vocab.txt");
  t.env.set("HF_HUB_OFFLINE", "1");
  // Without refs/main, "main" is unknown offline.
  REQUIRE_THROWS_AS(hf_hub_download(kBertRepo, "config.json"), HubNotCached);
}

TEST_CASE("offline: .no_exist markers are reported missing without network", "[hub]") {
  OfflineCache t;
  REQUIRE_THROWS_AS(hf_hub_download(kBertRepo, "added_tokens.json"), HubEntryNotFound);
  REQUIRE_THROWS_WITH(hf_hub_download(kBertRepo, "added_tokens.json"), Catch::Contains("added_tokens.json") && Catch::Contains(kBertRepo));
  CHECK(lookup_in_cache(kBertRepo, "added_tokens.json").state == CacheLookup::State::kKnownMissing);
  CHECK(lookup_in_cache(kGpt2Repo, "model.safetensors").state == CacheLookup::State::kKnownMissing);
  CHECK_FALSE(try_to_load_from_cache(kGpt2Repo, "model.safetensors").has_value());
  CHECK(try_to_load_from_cache(kGpt2Repo, "config.json") == t.gpt2_snapshot() / "config.json");
  CHECK(lookup_in_cache(kGpt2Repo, "merges.txt").state == CacheLookup::State::kNotCached);
  // A cached commit's .no_exist is final even online (dead endpoint: no network call happens).
  t.env.unset("HF_HUB_OFFLINE");
  REQUIRE_THROWS_AS(hf_hub_download(kGpt2Repo, "model.safetensors", with_revision(kGpt2Commit)), HubEntryNotFound);
}

TEST_CASE("offline: unknown repo or file fails with a message naming it", "[hub]") {
  OfflineCache t;
  REQUIRE_THROWS_AS(hf_hub_download("autoclass-test/unknown", "config.json"), HubNotCached);
  REQUIRE_THROWS_WITH(hf_hub_download("autoclass-test/unknown", "config.json"),
                      Catch::Contains("autoclass-test/unknown") && Catch::Contains("config.json") &&
                          Catch::Contains("HF_HUB_OFFLINE"));
  REQUIRE_THROWS_WITH(hf_hub_download(kBertRepo, "pytorch_model.bin"),
                      Catch::Contains("pytorch_model.bin") && Catch::Contains("not") );
  REQUIRE_THROWS_WITH(resolve_model_folder("autoclass-test/unknown", {}), Catch::Contains("autoclass-test/unknown"));
  REQUIRE_THROWS_AS(snapshot_download("autoclass-test/unknown"), HubNotCached);
  t.env.unset("HF_HUB_OFFLINE");
  HubOptions local;
  local.local_files_only = true;
  REQUIRE_THROWS_WITH(hf_hub_download(kBertRepo, "nope.json", local), Catch::Contains("local_files_only"));
}

TEST_CASE("offline: snapshot_download and resolve_model_folder return the cached snapshots", "[hub]") {
  OfflineCache t;
  CHECK(snapshot_download(kBertRepo) == t.bert_snapshot());
  CHECK(snapshot_download(kGpt2Repo, {}, with_revision(kGpt2Commit)) == t.gpt2_snapshot());
  CHECK(resolve_model_folder(kBertRepo, {}) == t.bert_snapshot());
  // gpt2: model.safetensors is a .no_exist marker → the index and its four shards.
  CHECK(resolve_model_folder(kGpt2Repo, {}) == t.gpt2_snapshot());
  // Without the shards the sharded fallback must fail, naming the missing shard.
  fs::remove(t.gpt2_snapshot() / "model-00004-of-00004.safetensors");
  REQUIRE_THROWS_WITH(resolve_model_folder(kGpt2Repo, {}), Catch::Contains("model-00004-of-00004.safetensors"));
}
