// Unit tests: sha256, repo id validation, resolve URLs, environment resolution.
#include <catch2/catch.hpp>

#include <fstream>

#include "runtime/hub/hub_internal.h"
#include "runtime/hub/http_client.h"
#include "runtime/hub/progress_bar.h"
#include "runtime/hub/sha256.h"
#include "tests/hub/hub_test_env.h"

using namespace autoclass;
using namespace autoclass::test;
namespace fs = std::filesystem;

TEST_CASE("sha256 matches the FIPS 180-4 vectors", "[hub]") {
  CHECK(hub::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hub::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hub::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  hub::Sha256 s;  // one million 'a', fed in uneven pieces to exercise the block buffering
  const std::string chunk(997, 'a');
  std::size_t left = 1000000;
  while (left > 0) {
    const std::size_t n = std::min(left, chunk.size());
    s.update(chunk.data(), n);
    left -= n;
  }
  CHECK(s.hex_digest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 of the fixture LFS file is its blob name in the real cache", "[hub]") {
  CHECK(hub::sha256_file_hex(fixture("models/bert_mlm/model.safetensors")) ==
        "5001e9dca70ce3c4b2e26d308cc64c9dd47681f3e888504574b80cbfbcb285ae");
}

TEST_CASE("is_repo_id follows huggingface_hub's validate_repo_id", "[hub]") {
  for (const char* ok : {"gpt2", "org/name", "autoclass-test/tiny-bert", "a-b/c.d_e", "_x/y_", "A1/B2"}) {
    INFO(ok);
    CHECK(is_repo_id(ok));
  }
  for (const char* bad : {"", "a/b/c", "a--b/c", "org/a--b", "a..b", "org/x.git", "-a/b", "a/b-", "a/.b", "a b", "/a", "a/",
                          "org/na me", "./a", "tests/fixtures/models/bert_mlm"}) {
    INFO(bad);
    CHECK_FALSE(is_repo_id(bad));
  }
  CHECK(is_repo_id(std::string(96, 'a')));
  CHECK_FALSE(is_repo_id(std::string(97, 'a')));
}

TEST_CASE("resolve URLs quote the revision fully and the path like urllib.quote", "[hub]") {
  CHECK(hub::resolve_url("https://huggingface.co", "org/name", "main", "config.json") ==
        "https://huggingface.co/org/name/resolve/main/config.json");
  CHECK(hub::resolve_url("http://h:1", "org/name", "refs/pr/1", "sub dir/file+1.json") ==
        "http://h:1/org/name/resolve/refs%2Fpr%2F1/sub%20dir/file%2B1.json");
  CHECK(hub::repo_folder_name("org/name") == "models--org--name");
  CHECK(hub::repo_folder_name("gpt2") == "models--gpt2");
  CHECK(hub::is_commit_hash("f663ac1ed45de5e549f19b47e950558f58920834"));
  CHECK_FALSE(hub::is_commit_hash("F663AC1ED45DE5E549F19B47E950558F58920834"));
  CHECK_FALSE(hub::is_commit_hash("main"));
}

TEST_CASE("relative Location headers resolve against the request URL", "[hub]") {
  CHECK(hub::is_relative_location("/org/new/resolve/main/x"));
  CHECK_FALSE(hub::is_relative_location("https://cdn.example/x"));
  CHECK_FALSE(hub::is_relative_location("//cdn.example/x"));
  CHECK(hub::resolve_location("http://h:5/a/b/c?q=1", "/x/y") == "http://h:5/x/y");
  CHECK(hub::resolve_location("http://h:5/a/b/c", "d") == "http://h:5/a/b/d");
  CHECK(hub::resolve_location("https://h/a", "//cdn/x") == "https://cdn/x");
  CHECK(hub::url_host("http://127.0.0.1:8/a/b") == "http://127.0.0.1:8");
}

TEST_CASE("environment: endpoint and cache folder and offline flag", "[hub]") {
  HubTestEnv t;
  CHECK(hub_endpoint() == "https://huggingface.co");
  t.env.set("HF_ENDPOINT", "http://mirror.example/");
  CHECK(hub_endpoint() == "http://mirror.example");
  HubOptions o;
  o.endpoint = "http://explicit";
  CHECK(hub_endpoint(o) == "http://explicit");

  CHECK(hub_cache_dir() == t.hf_home / "hub");
  t.env.unset("HF_HOME");
  t.env.set("XDG_CACHE_HOME", "/xdg");
  CHECK(hub_cache_dir() == fs::path("/xdg/huggingface/hub"));
  t.env.unset("XDG_CACHE_HOME");
  t.env.set("HOME", "/home/someone");
  CHECK(hub_cache_dir() == fs::path("/home/someone/.cache/huggingface/hub"));
  t.env.set("HF_HUB_CACHE", "/elsewhere");
  CHECK(hub_cache_dir() == fs::path("/elsewhere"));

  CHECK_FALSE(hub_offline());
  for (const char* v : {"1", "ON", "yes", "True"}) {
    t.env.set("HF_HUB_OFFLINE", v);
    CHECK(hub_offline());
  }
  t.env.set("HF_HUB_OFFLINE", "0");
  CHECK_FALSE(hub_offline());
  HubOptions local;
  local.local_files_only = true;
  CHECK(hub_offline(local));
}

TEST_CASE("token: HF_TOKEN then HF_TOKEN_PATH then HF_HOME/token", "[hub]") {
  HubTestEnv t;
  CHECK_FALSE(hub_token().has_value());
  fs::create_directories(t.hf_home);
  std::ofstream(t.hf_home / "token") << "  hf_from_home_file\n";
  CHECK(hub_token() == std::optional<std::string>("hf_from_home_file"));
  std::ofstream(t.tmp.path() / "other_token") << "hf_from_token_path";
  t.env.set("HF_TOKEN_PATH", (t.tmp.path() / "other_token").string());
  CHECK(hub_token() == std::optional<std::string>("hf_from_token_path"));
  t.env.set("HF_TOKEN", "hf_from_env\n");
  CHECK(hub_token() == std::optional<std::string>("hf_from_env"));
  HubOptions o;
  o.token = "explicit";
  CHECK(hub_token(o) == std::optional<std::string>("explicit"));
  o.token = "";
  CHECK_FALSE(hub_token(o).has_value());
}

TEST_CASE("resolve_model_folder returns a local folder as is", "[hub]") {
  const fs::path dir = fixture("models/bert_mlm");
  CHECK(resolve_model_folder(dir.string(), {}) == dir);
  REQUIRE_THROWS_WITH(resolve_model_folder("no/such/dir/really", {}), Catch::Contains("neither an existing local folder"));
}

TEST_CASE("file paths cannot leave the repo folder", "[hub]") {
  HubOptions o;
  o.endpoint = "http://127.0.0.1:9";
  o.cache_dir = "/nonexistent-cache";
  REQUIRE_THROWS_WITH(hf_hub_download("org/name", "../../etc/passwd", o), Catch::Contains("must stay inside the repo"));
  o.subfolder = "..";
  REQUIRE_THROWS_WITH(hf_hub_download("org/name", "config.json", o), Catch::Contains("must stay inside the repo"));
}

TEST_CASE("progress sizes are human readable", "[hub]") {
  CHECK(hub::human_bytes(999) == "999B");
  CHECK(hub::human_bytes(566896) == "566.9kB");
  CHECK(hub::human_bytes(2.5e9) == "2.5GB");
}
