// autoclass download against a real huggingface_hub cache, offline: it must print the snapshot folder last.
#include <catch2/catch.hpp>

#include "tests/cli/cli_runner.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using namespace autoclass::test;

namespace {
// A temp HF_HOME whose hub/ is the fixture cache; the endpoint is a closed port so any network use fails.
struct OfflineHome {
  TempDir home;
  CliEnv env;
  OfflineHome() {
    std::filesystem::create_directories(home.path() / "hub");
    const auto tar = run_program({"/usr/bin/tar", "-xzf", fixture("hub-cache/hf-cache.tar.gz").string(), "-C",
                                  (home.path() / "hub").string()});
    REQUIRE(tar.exit_code == 0);
    env.set = {{"HF_HOME", home.path().string()}, {"HF_HUB_OFFLINE", "1"}, {"HF_ENDPOINT", "http://127.0.0.1:9"}};
    env.unset = {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_TOKEN", "TRANSFORMERS_CACHE"};
  }
  std::filesystem::path snapshot(const std::string& folder, const std::string& commit) const {
    return home.path() / "hub" / folder / "snapshots" / commit;
  }
};
}  // namespace

TEST_CASE("autoclass download offline prints the cached snapshot folder last", "[cli]") {
  OfflineHome h;
  const auto bert = run_cli({"download", "autoclass-test/tiny-bert"}, "", h.env);
  INFO(bert.err);
  REQUIRE(bert.exit_code == 0);
  REQUIRE(!bert.out_lines().empty());
  const std::filesystem::path printed = bert.out_lines().back();
  CHECK(std::filesystem::equivalent(printed, h.snapshot("models--autoclass-test--tiny-bert", "f663ac1ed45de5e549f19b47e950558f58920834")));
  CHECK(std::filesystem::exists(printed / "model.safetensors"));

  const auto gpt2 = run_cli({"download", "autoclass-test/tiny-gpt2-sharded", "--revision", "main"}, "", h.env);
  INFO(gpt2.err);
  REQUIRE(gpt2.exit_code == 0);
  CHECK(std::filesystem::equivalent(std::filesystem::path(gpt2.out_lines().back()),
                                    h.snapshot("models--autoclass-test--tiny-gpt2-sharded", "dca019b1af3940a30ef45247a691e06bbcfb2b44")));
}

TEST_CASE("autoclass download honours HF_HUB_CACHE over HF_HOME", "[cli]") {
  OfflineHome h;
  CliEnv env = h.env;
  env.set["HF_HUB_CACHE"] = (h.home.path() / "hub").string();
  env.set["HF_HOME"] = (h.home.path() / "elsewhere").string();
  const auto r = run_cli({"download", "autoclass-test/tiny-bert"}, "", env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(std::filesystem::equivalent(std::filesystem::path(r.out_lines().back()),
                                    h.snapshot("models--autoclass-test--tiny-bert", "f663ac1ed45de5e549f19b47e950558f58920834")));
}

TEST_CASE("autoclass download offline: a repo not in the cache fails with a message", "[cli]") {
  OfflineHome h;
  const auto r = run_cli({"download", "autoclass-test/not-there"}, "", h.env);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("autoclass-test/not-there") != std::string::npos);
  const auto bad = run_cli({"download", "not a repo id"}, "", h.env);
  CHECK(bad.exit_code == 2);
}

TEST_CASE("a Hub id resolves offline through the cache for the other commands", "[cli]") {
  OfflineHome h;
  const auto r = run_cli({"info", "autoclass-test/tiny-bert"}, "", h.env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("AutoModelForMaskedLM -> BertForMaskedLM") != std::string::npos);
}
