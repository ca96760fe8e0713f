#include "tests/hub/hub_test_env.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace autoclass::test {
namespace fs = std::filesystem;

HubTestEnv::HubTestEnv() {
  for (const char* v : {"HF_ENDPOINT", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE",
                        "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_TOKEN_PATH", "XDG_CACHE_HOME"})
    env.unset(v);
  env.set("HF_HOME", hf_home.string());
  fs::create_directories(cache);
}

HubOptions HubTestEnv::options(const std::string& endpoint) const {
  HubOptions o;
  o.endpoint = endpoint;
  o.cache_dir = cache;
  o.progress = false;
  o.timeout_seconds = 5;
  o.max_retries = 2;
  return o;
}

std::map<std::string, std::string> list_tree(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const std::string rel = fs::relative(it->path(), root).generic_string();
    if (it->is_symlink())
      out[rel] = "link " + fs::read_symlink(it->path()).string();
    else if (it->is_directory())
      out[rel] = "dir";
    else
      out[rel] = "file " + std::to_string(fs::file_size(it->path()));
  }
  return out;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void extract_fixture_cache(const fs::path& cache_root) {
  fs::create_directories(cache_root);
  const std::string cmd = "tar -xzf '" + fixture("hub-cache/hf-cache.tar.gz").string() + "' -C '" + cache_root.string() + "'";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("extracting the fixture cache failed: " + cmd);
}

}  // namespace autoclass::test
