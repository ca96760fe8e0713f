// Downloads from the mock Hub (tests/hub/mock_hub.py) on loopback: layout identical to the cache the
// real huggingface_hub wrote, revisions, subfolders, relative redirects, tokens and Hub errors.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "runtime/hub/hub_internal.h"
#include "runtime/hub/sha256.h"
#include "tests/hub/hub_test_env.h"

using namespace autoclass;
using namespace autoclass::test;
namespace fs = std::filesystem;

namespace {

const char* kConfigBlob = "ed14ec2fb7b126be63ecb746c5d072fb7cc93260";  // git blob sha1 of bert config.json
const char* kBertWeightsBlob = "5001e9dca70ce3c4b2e26d308cc64c9dd47681f3e888504574b80cbfbcb285ae";

fs::path bert_root(const fs::path& cache) { return cache / "models--autoclass-test--tiny-bert"; }

}  // namespace

TEST_CASE("download: a regular file lands in blobs/GIT_SHA1 with a relative snapshot symlink and refs/main", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  const fs::path p = hf_hub_download(kBertRepo, "config.json", t.options(hub.endpoint()));
  const fs::path root = bert_root(t.cache);
  CHECK(p == root / "snapshots" / kBertCommit / "config.json");
  CHECK(fs::is_symlink(p));
  CHECK(fs::read_symlink(p) == fs::path("../../blobs") / kConfigBlob);
  CHECK(read_bytes(p) == read_bytes(fixture("models/bert_mlm/config.json")));
  CHECK(read_bytes(root / "refs" / "main") == kBertCommit);  // no trailing newline
  CHECK(fs::exists(t.cache / ".locks" / "models--autoclass-test--tiny-bert" / (std::string(kConfigBlob) + ".lock")));
  const auto heads = hub.requests("HEAD", "/autoclass-test/tiny-bert/resolve/main/config.json");
  REQUIRE(heads.size() == 1);
  CHECK(heads[0]["user_agent"].get<std::string>().find("autoclass/") == 0);
  CHECK(heads[0]["authorization"].is_null());
}

TEST_CASE("download: an LFS file follows the 302 to the CDN and is named by its sha256", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  const fs::path p = hf_hub_download(kBertRepo, "model.safetensors", t.options(hub.endpoint()));
  CHECK(fs::read_symlink(p) == fs::path("../../blobs") / kBertWeightsBlob);
  CHECK(hub::sha256_file_hex(p) == kBertWeightsBlob);
  CHECK(hub.requests("GET", "/_lfs/").size() == 1);
  CHECK(hub.requests("GET", "/resolve/").empty());
  CHECK_FALSE(fs::exists(bert_root(t.cache) / "blobs" / (std::string(kBertWeightsBlob) + ".incomplete")));
  // A second call finds it: one HEAD (has the branch moved?) and no download.
  hub.reset();
  CHECK(hf_hub_download(kBertRepo, "model.safetensors", t.options(hub.endpoint())) == p);
  CHECK(hub.requests("HEAD", "/resolve/").size() == 1);
  CHECK(hub.requests("GET", "").empty());
}

TEST_CASE("download: the layout equals the cache the real huggingface_hub wrote", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  // What transformers probed when the fixture cache was made (see tests/fixtures/hub-cache/README.md).
  const fs::path bert = resolve_model_folder(kBertRepo,
                                             {"config.json", "model.safetensors", "generation_config.json?", "vocab.txt?",
                                              "added_tokens.json?", "special_tokens_map.json?", "tokenizer_config.json?",
                                              "tokenizer.json?"},
                                             t.options(hub.endpoint()));
  const fs::path gpt2 =
      resolve_model_folder(kGpt2Repo, {"config.json", "model.safetensors", "generation_config.json?"}, t.options(hub.endpoint()));
  CHECK(bert == bert_root(t.cache) / "snapshots" / kBertCommit);
  CHECK(gpt2 == t.cache / "models--autoclass-test--tiny-gpt2-sharded" / "snapshots" / kGpt2Commit);

  TempDir ref;
  extract_fixture_cache(ref.path());
  for (const char* folder : {"models--autoclass-test--tiny-bert", "models--autoclass-test--tiny-gpt2-sharded",
                             ".locks/models--autoclass-test--tiny-bert", ".locks/models--autoclass-test--tiny-gpt2-sharded"}) {
    INFO(folder);
    CHECK(list_tree(t.cache / folder) == list_tree(ref.path() / folder));
  }
  CHECK(read_bytes(bert_root(t.cache) / "refs" / "main") == read_bytes(bert_root(ref.path()) / "refs" / "main"));
  for (const auto& e : fs::directory_iterator(ref.path() / "models--autoclass-test--tiny-bert" / "blobs")) {
    INFO(e.path().filename());
    CHECK(read_bytes(e.path()) == read_bytes(bert_root(t.cache) / "blobs" / e.path().filename()));
  }
}

TEST_CASE("download: a file the Hub does not have gives EntryNotFound and a .no_exist marker and nothing in blobs", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  REQUIRE_THROWS_AS(hf_hub_download(kBertRepo, "added_tokens.json", t.options(hub.endpoint())), HubEntryNotFound);
  REQUIRE_THROWS_WITH(hf_hub_download(kBertRepo, "added_tokens.json", t.options(hub.endpoint())),
                      Catch::Contains("File not found") && Catch::Contains(kBertRepo) && Catch::Contains("added_tokens.json") &&
                          Catch::Contains("'main'"));
  CHECK(fs::exists(bert_root(t.cache) / ".no_exist" / kBertCommit / "added_tokens.json"));
  CHECK(read_bytes(bert_root(t.cache) / "refs" / "main") == kBertCommit);
  CHECK_FALSE(fs::exists(bert_root(t.cache) / "blobs"));
  // Now known offline too.
  HubOptions off = t.options(hub.endpoint());
  off.local_files_only = true;
  CHECK(lookup_in_cache(kBertRepo, "added_tokens.json", off).state == CacheLookup::State::kKnownMissing);
}

TEST_CASE("download: Hub errors name repo and revision and file", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args({"--gated", "autoclass-test/gated=hf_secret", "--repo",
                                       "autoclass-test/gated=" + fixture("models/bert_mlm").string()}));
  const HubOptions o = t.options(hub.endpoint());
  try {
    hf_hub_download("autoclass-test/missing", "config.json", o);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kNotFound);
    CHECK_THAT(e.what(), Catch::Contains("Repository not found") && Catch::Contains("autoclass-test/missing") &&
                             Catch::Contains("HTTP 401"));
  }
  HubOptions bad_rev = o;
  bad_rev.revision = "no-such-branch";
  REQUIRE_THROWS_WITH(hf_hub_download(kBertRepo, "config.json", bad_rev),
                      Catch::Contains("Revision not found") && Catch::Contains("no-such-branch") && Catch::Contains("config.json"));
  REQUIRE_THROWS_WITH(hf_hub_download("autoclass-test/gated", "config.json", o),
                      Catch::Contains("gated") && Catch::Contains("autoclass-test/gated") && Catch::Contains("HTTP 401"));
  HubOptions wrong = o;
  wrong.token = "hf_wrong";
  REQUIRE_THROWS_WITH(hf_hub_download("autoclass-test/gated", "config.json", wrong), Catch::Contains("HTTP 403"));
  REQUIRE_THROWS_AS(snapshot_download("autoclass-test/missing", {}, o), Error);
  REQUIRE_THROWS_WITH(resolve_model_folder(kBertRepo, {"config.json", "required_extra.json"}, o),
                      Catch::Contains("File not found") && Catch::Contains("required_extra.json"));
  REQUIRE_THROWS_WITH(resolve_model_folder(kBertRepo, {"config.json", "model.safetensors"}, bad_rev),
                      Catch::Contains("no-such-branch"));
  REQUIRE_THROWS_WITH(hf_hub_download("not a repo", "config.json", o), Catch::Contains("not a valid Hub repo id"));
  CHECK_FALSE(fs::exists(t.cache / "models--autoclass-test--gated" / "blobs"));
}

TEST_CASE("download: tokens from options or HF_TOKEN or the token file are sent as Bearer", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args({"--gated", "autoclass-test/gated=hf_secret", "--repo",
                                       "autoclass-test/gated=" + fixture("models/bert_mlm").string()}));
  HubOptions o = t.options(hub.endpoint());
  o.token = "hf_secret";
  CHECK(fs::exists(hf_hub_download("autoclass-test/gated", "config.json", o)));
  CHECK(hub.requests("HEAD", "/gated/")[0]["authorization"] == "Bearer hf_secret");

  t.env.set("HF_TOKEN", "hf_secret");
  CHECK(fs::exists(hf_hub_download("autoclass-test/gated", "vocab.txt", t.options(hub.endpoint()))));
  t.env.unset("HF_TOKEN");
  fs::create_directories(t.hf_home);
  std::ofstream(t.hf_home / "token") << "hf_secret\n";
  CHECK(fs::exists(hf_hub_download("autoclass-test/gated", "model.safetensors", t.options(hub.endpoint()))));
}

TEST_CASE("download: branch and tag and commit and refs/pr/N revisions", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  const fs::path root = bert_root(t.cache);
  HubOptions o = t.options(hub.endpoint());
  o.revision = "v1.0";
  CHECK(hf_hub_download(kBertRepo, "config.json", o) == root / "snapshots" / kBertCommit / "config.json");
  CHECK(read_bytes(root / "refs" / "v1.0") == kBertCommit);
  o.revision = "refs/pr/1";
  CHECK(fs::exists(hf_hub_download(kBertRepo, "vocab.txt", o)));
  CHECK(hub.requests("HEAD", "/autoclass-test/tiny-bert/resolve/refs%2Fpr%2F1/vocab.txt").size() == 1);
  CHECK(read_bytes(root / "refs" / "refs" / "pr" / "1") == kBertCommit);
  o.revision = kBertCommit;
  CHECK(fs::exists(hf_hub_download(kBertRepo, "tokenizer.json", o)));
  CHECK(hub.requests("HEAD", std::string("/resolve/") + kBertCommit + "/tokenizer.json").size() == 1);
  CHECK_FALSE(fs::exists(root / "refs" / kBertCommit));
}

TEST_CASE("download: subfolder files link with one more ../", "[hub]") {
  HubTestEnv t;
  TempDir repo;
  fs::create_directories(repo.path() / "text_encoder");
  std::ofstream(repo.path() / "text_encoder" / "config.json") << R"({"model_type": "bert"})";
  MockHubServer hub({"--repo", "org/with-sub=" + repo.path().string()});
  HubOptions o = t.options(hub.endpoint());
  o.subfolder = "text_encoder";
  const fs::path p = hf_hub_download("org/with-sub", "config.json", o);
  CHECK(p.filename() == "config.json");
  CHECK(p.parent_path().filename() == "text_encoder");
  CHECK(fs::read_symlink(p).string().rfind("../../../blobs/", 0) == 0);
  CHECK(read_bytes(p) == R"({"model_type": "bert"})");
  CHECK(resolve_model_folder("org/with-sub", {"config.json"}, o) == p.parent_path());
}

TEST_CASE("download: a renamed repo's relative redirect is followed for HEAD", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args({"--rename", "autoclass-test/old-bert=autoclass-test/tiny-bert"}));
  const fs::path p = hf_hub_download("autoclass-test/old-bert", "model.safetensors", t.options(hub.endpoint()));
  CHECK(p == t.cache / "models--autoclass-test--old-bert" / "snapshots" / kBertCommit / "model.safetensors");
  CHECK(hub::sha256_file_hex(p) == kBertWeightsBlob);
  CHECK(hub.requests("HEAD", "/autoclass-test/old-bert/resolve/").size() == 1);
  CHECK(hub.requests("HEAD", "/autoclass-test/tiny-bert/resolve/").size() == 1);
}

TEST_CASE("snapshot_download: allow_patterns select files from one commit and refs are written", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  const fs::path snap = snapshot_download(kGpt2Repo, {"*.json"}, t.options(hub.endpoint()));
  CHECK(snap == t.cache / "models--autoclass-test--tiny-gpt2-sharded" / "snapshots" / kGpt2Commit);
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(snap)) names.insert(e.path().filename().string());
  CHECK(names == std::set<std::string>{"config.json", "generation_config.json", "model.safetensors.index.json"});
  const fs::path all = snapshot_download(kBertRepo, {}, t.options(hub.endpoint()));
  CHECK(std::distance(fs::directory_iterator(all), fs::directory_iterator()) == 7);
  CHECK(hub.requests("GET", "/api/models/autoclass-test/tiny-bert/revision/main").size() == 1);
}

TEST_CASE("resolve_model_folder: sharded weights via the index when model.safetensors does not exist", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  const fs::path dir = resolve_model_folder(kGpt2Repo, {}, t.options(hub.endpoint()));
  for (int i = 1; i <= 4; ++i) {
    const std::string shard = "model-0000" + std::to_string(i) + "-of-00004.safetensors";
    INFO(shard);
    CHECK(read_bytes(dir / shard) == read_bytes(fixture("models/gpt2_sharded") / shard));
  }
  CHECK(fs::exists(dir.parent_path().parent_path() / ".no_exist" / kGpt2Commit / "model.safetensors"));
  // Everything is cached now: offline gives the same folder.
  HubOptions off = t.options("http://127.0.0.1:9");
  off.local_files_only = true;
  CHECK(resolve_model_folder(kGpt2Repo, {}, off) == dir);
}
