// Shared setup for the hub tests: an isolated HF_HOME (no user token, no user cache, online) and
// helpers to list a cache tree and read files.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "runtime/hub/hub.h"
#include "tests/hub/mock_hub_server.h"
#include "tests/support/fixtures.h"

namespace autoclass::test {

struct HubTestEnv {
  TempDir tmp;
  EnvGuard env;
  std::filesystem::path hf_home = tmp.path() / "hf_home";
  std::filesystem::path cache = hf_home / "hub";
  HubTestEnv();
  // Options pointing at `endpoint` and this cache; no progress bar, short timeouts.
  HubOptions options(const std::string& endpoint) const;
};

// relative path → "dir", "file <size>" or "link <target>"; lock and version files included.
std::map<std::string, std::string> list_tree(const std::filesystem::path& root);
std::string read_bytes(const std::filesystem::path& path);
// Extracts tests/fixtures/hub-cache/hf-cache.tar.gz into `cache_root` (created).
void extract_fixture_cache(const std::filesystem::path& cache_root);

}  // namespace autoclass::test
