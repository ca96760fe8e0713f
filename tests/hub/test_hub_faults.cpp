// Fault injection against the mock Hub: every fault ends in a clear error or a correct retry, and never
// leaves a corrupt file under blobs/ or snapshots/.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "runtime/hub/hub_internal.h"
#include "runtime/hub/sha256.h"
#include "tests/hub/hub_test_env.h"

using namespace autoclass;
using namespace autoclass::test;
namespace fs = std::filesystem;

namespace {

const std::string kWeightsBlob = "5001e9dca70ce3c4b2e26d308cc64c9dd47681f3e888504574b80cbfbcb285ae";
const std::int64_t kWeightsSize = 566896;

fs::path root_of(const fs::path& cache) { return cache / "models--autoclass-test--tiny-bert"; }
fs::path weights_blob(const fs::path& cache) { return root_of(cache) / "blobs" / kWeightsBlob; }
fs::path weights_incomplete(const fs::path& cache) { return weights_blob(cache).string() + ".incomplete"; }
fs::path weights_pointer(const fs::path& cache) { return root_of(cache) / "snapshots" / kBertCommit / "model.safetensors"; }

// Nothing but whole, verified blobs: every file in blobs/ hashes to its name (sha256 ones) and every
// snapshot link resolves.
void check_cache_is_clean(const fs::path& cache) {
  const fs::path root = root_of(cache);
  if (fs::exists(root / "blobs"))
    for (const auto& e : fs::directory_iterator(root / "blobs")) {
      const std::string name = e.path().filename().string();
      INFO(name);
      if (name.size() == 64) CHECK(hub::sha256_file_hex(e.path()) == name);
    }
  if (fs::exists(root / "snapshots"))
    for (const auto& e : fs::recursive_directory_iterator(root / "snapshots"))
      if (e.is_symlink()) CHECK(fs::exists(e.path()));
}

}  // namespace

TEST_CASE("faults: connection cut mid-body then the retry resumes with Range and succeeds", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  hub.fault(kBertRepo, "model.safetensors", "cut");
  hub.fault(kBertRepo, "config.json", "cut");
  const HubOptions o = t.options(hub.endpoint());
  const fs::path p = hf_hub_download(kBertRepo, "model.safetensors", o);
  CHECK(hub::sha256_file_hex(p) == kWeightsBlob);
  const auto gets = hub.requests("GET", "/_lfs/");
  REQUIRE(gets.size() == 2);
  CHECK(gets[0]["range"].is_null());
  CHECK(gets[1]["range"] == "bytes=" + std::to_string(kWeightsSize / 2) + "-");
  CHECK(read_bytes(hf_hub_download(kBertRepo, "config.json", o)) == read_bytes(fixture("models/bert_mlm/config.json")));
  CHECK(hub.requests("GET", "/resolve/main/config.json").size() == 2);
  CHECK_FALSE(fs::exists(weights_incomplete(t.cache)));
  check_cache_is_clean(t.cache);
}

TEST_CASE("faults: an interrupted download leaves only .incomplete and the next run resumes it", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  hub.fault(kBertRepo, "model.safetensors", "cut");
  HubOptions o = t.options(hub.endpoint());
  o.max_retries = 0;
  try {
    hf_hub_download(kBertRepo, "model.safetensors", o);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kNetwork);
    CHECK_THAT(e.what(), Catch::Contains("/_lfs/"));
  }
  CHECK_FALSE(fs::exists(weights_blob(t.cache)));
  CHECK_FALSE(fs::exists(weights_pointer(t.cache)));
  REQUIRE(fs::file_size(weights_incomplete(t.cache)) == static_cast<std::uintmax_t>(kWeightsSize / 2));
  hub.reset();
  const fs::path p = hf_hub_download(kBertRepo, "model.safetensors", o);
  CHECK(hub::sha256_file_hex(p) == kWeightsBlob);
  const auto gets = hub.requests("GET", "/_lfs/");
  REQUIRE(gets.size() == 1);
  CHECK(gets[0]["range"] == "bytes=" + std::to_string(kWeightsSize / 2) + "-");
  check_cache_is_clean(t.cache);
}

TEST_CASE("faults: a server that ignores Range gets a fresh download instead of an appended one", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  fs::create_directories(weights_blob(t.cache).parent_path());
  std::ofstream(weights_incomplete(t.cache), std::ios::binary) << std::string(1000, 'x');  // wrong bytes
  hub.fault(kBertRepo, "model.safetensors", "ignore-range");
  const fs::path p = hf_hub_download(kBertRepo, "model.safetensors", t.options(hub.endpoint()));
  CHECK(hub::sha256_file_hex(p) == kWeightsBlob);
  CHECK(hub.requests("GET", "/_lfs/").at(0)["range"] == "bytes=1000-");
}

TEST_CASE("faults: HTTP 500 then success is retried (HEAD and GET)", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  hub.fault(kBertRepo, "config.json", "500");                      // hits the HEAD
  hub.fault(kBertRepo, "model.safetensors", "500", 1, 0, "GET");   // hits the CDN GET
  const HubOptions o = t.options(hub.endpoint());
  CHECK(read_bytes(hf_hub_download(kBertRepo, "config.json", o)) == read_bytes(fixture("models/bert_mlm/config.json")));
  CHECK(hub.requests("HEAD", "/config.json").size() == 2);
  CHECK(hub::sha256_file_hex(hf_hub_download(kBertRepo, "model.safetensors", o)) == kWeightsBlob);
  CHECK(hub.requests("GET", "/_lfs/").size() == 2);
  check_cache_is_clean(t.cache);
}

TEST_CASE("faults: a persistent 500 ends in a clear error and no files", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  hub.fault(kBertRepo, "model.safetensors", "500", 10, 0, "GET");
  HubOptions o = t.options(hub.endpoint());
  o.max_retries = 1;
  REQUIRE_THROWS_WITH(hf_hub_download(kBertRepo, "model.safetensors", o),
                      Catch::Contains("Hub server error") && Catch::Contains("HTTP 500") && Catch::Contains(kBertRepo) &&
                          Catch::Contains("model.safetensors"));
  CHECK_FALSE(fs::exists(weights_blob(t.cache)));
  CHECK_FALSE(fs::exists(weights_pointer(t.cache)));
  hub.fault(kBertRepo, "config.json", "500", 10);
  REQUIRE_THROWS_WITH(hf_hub_download(kBertRepo, "config.json", o), Catch::Contains("HTTP 500") && Catch::Contains("config.json"));
  check_cache_is_clean(t.cache);
}

TEST_CASE("faults: a wrong sha256 is an error and leaves no blob behind", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  hub.fault(kBertRepo, "model.safetensors", "badsha");
  const HubOptions o = t.options(hub.endpoint());
  REQUIRE_THROWS_WITH(hf_hub_download(kBertRepo, "model.safetensors", o),
                      Catch::Contains("sha256 mismatch") && Catch::Contains(kWeightsBlob) && Catch::Contains("model.safetensors"));
  CHECK_FALSE(fs::exists(weights_blob(t.cache)));
  CHECK_FALSE(fs::exists(weights_incomplete(t.cache)));
  CHECK_FALSE(fs::exists(weights_pointer(t.cache)));
  // The next attempt (good data) works.
  CHECK(hub::sha256_file_hex(hf_hub_download(kBertRepo, "model.safetensors", o)) == kWeightsBlob);
}

TEST_CASE("faults: a response slower than the timeout fails fast or is retried", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  hub.fault(kBertRepo, "config.json", "slow", 1, 4.0);
  HubOptions o = t.options(hub.endpoint());
  o.timeout_seconds = 1;
  o.max_retries = 0;
  const auto start = std::chrono::steady_clock::now();
  try {
    hf_hub_download(kBertRepo, "config.json", o);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::kNetwork);
    CHECK_THAT(e.what(), Catch::Contains("timed out") && Catch::Contains("config.json") && Catch::Contains(kBertRepo));
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(3500));
  CHECK_FALSE(fs::exists(root_of(t.cache) / "snapshots"));
  // A stalled CDN download is retried and resumes.
  hub.fault(kBertRepo, "model.safetensors", "slow", 1, 3.0, "GET");
  o.max_retries = 1;
  CHECK(hub::sha256_file_hex(hf_hub_download(kBertRepo, "model.safetensors", o)) == kWeightsBlob);
  check_cache_is_clean(t.cache);
}

TEST_CASE("faults: when the Hub is unreachable a cached file is still served", "[hub]") {
  HubTestEnv t;
  {
    MockHubServer hub(fixture_repo_args());
    hf_hub_download(kBertRepo, "config.json", t.options(hub.endpoint()));
  }  // server gone
  HubOptions o = t.options("http://127.0.0.1:9");
  o.max_retries = 0;
  CHECK(hf_hub_download(kBertRepo, "config.json", o) == root_of(t.cache) / "snapshots" / kBertCommit / "config.json");
  REQUIRE_THROWS_WITH(hf_hub_download(kBertRepo, "vocab.txt", o),
                      Catch::Contains("vocab.txt") && Catch::Contains("not in the cache") && Catch::Contains("HF_HUB_OFFLINE"));
  // Optional files that cannot be had are left out; required ones are an error naming the network failure.
  CHECK(resolve_model_folder(kBertRepo, {"config.json", "vocab.txt?"}, o) == root_of(t.cache) / "snapshots" / kBertCommit);
  REQUIRE_THROWS_WITH(resolve_model_folder(kBertRepo, {"config.json", "vocab.txt"}, o),
                      Catch::Contains("vocab.txt") && Catch::Contains("127.0.0.1:9"));
  REQUIRE_THROWS_WITH(resolve_model_folder(kBertRepo, {"config.json", "model.safetensors"}, o),
                      Catch::Contains("model.safetensors") && Catch::Contains("not in the cache"));
}

TEST_CASE("faults: concurrent processes downloading the same blob take turns on the lock", "[hub]") {
  HubTestEnv t;
  MockHubServer hub(fixture_repo_args());
  hub.fault(kBertRepo, "model.safetensors", "slow", 1, 1.0, "GET");  // keep the first download open a while
  const HubOptions o = t.options(hub.endpoint());
  std::vector<pid_t> children;
  for (int i = 0; i < 3; ++i) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int rc = 1;
      try {
        rc = hub::sha256_file_hex(hf_hub_download(kBertRepo, "model.safetensors", o)) == kWeightsBlob ? 0 : 2;
      } catch (...) {
      }
      ::_exit(rc);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  CHECK(hub.requests("HEAD", "/model.safetensors").size() == 3);
  CHECK(hub.requests("GET", "/_lfs/").size() == 1);  // the others waited and found the finished blob
  CHECK(hub::sha256_file_hex(weights_pointer(t.cache)) == kWeightsBlob);
  check_cache_is_clean(t.cache);
}
