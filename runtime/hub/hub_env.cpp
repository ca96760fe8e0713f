// Environment resolution, following huggingface_hub.constants: HF_ENDPOINT, HF_HOME, HF_HUB_CACHE,
// HF_HUB_OFFLINE, HF_TOKEN / HF_TOKEN_PATH.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "runtime/hub/hub.h"

namespace autoclass {
namespace fs = std::filesystem;

namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

fs::path expand_user(const std::string& p) {
  if (p == "~" || p.rfind("~/", 0) == 0) {
    const auto home = env("HOME");
    if (home) return fs::path(*home) / p.substr(p.size() > 1 ? 2 : 1);
  }
  return fs::path(p);
}

bool is_true(const std::optional<std::string>& v) {
  if (!v) return false;
  std::string u;
  for (char c : *v) u += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u == "1" || u == "ON" || u == "YES" || u == "TRUE";
}

// Tokens are stripped of surrounding whitespace and inner CR/LF; empty means "no token".
std::optional<std::string> clean_token(std::string t) {
  std::string out;
  for (char c : t)
    if (c != '\r' && c != '\n') out += c;
  const auto b = out.find_first_not_of(" \t");
  if (b == std::string::npos) return std::nullopt;
  const auto e = out.find_last_not_of(" \t");
  return out.substr(b, e - b + 1);
}

fs::path hf_home() {
  if (auto h = env("HF_HOME")) return expand_user(*h);
  const auto xdg = env("XDG_CACHE_HOME");
  return expand_user(xdg ? *xdg : std::string("~/.cache")) / "huggingface";
}

}  // namespace

std::string hub_endpoint(const HubOptions& opts) {
  std::string e = !opts.endpoint.empty() ? opts.endpoint : env("HF_ENDPOINT").value_or("https://huggingface.co");
  while (!e.empty() && e.back() == '/') e.pop_back();
  return e;
}

fs::path hub_cache_dir(const HubOptions& opts) {
  if (!opts.cache_dir.empty()) return opts.cache_dir;
  if (auto c = env("HF_HUB_CACHE")) return expand_user(*c);
  if (auto c = env("HUGGINGFACE_HUB_CACHE")) return expand_user(*c);
  return hf_home() / "hub";
}

std::optional<std::string> hub_token(const HubOptions& opts) {
  if (opts.token) return clean_token(*opts.token);
  if (auto t = env("HF_TOKEN")) return clean_token(*t);
  if (auto t = env("HUGGING_FACE_HUB_TOKEN")) return clean_token(*t);
  const auto path_env = env("HF_TOKEN_PATH");
  const fs::path path = path_env ? expand_user(*path_env) : hf_home() / "token";
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return clean_token(ss.str());
}

bool hub_offline(const HubOptions& opts) {
  if (opts.local_files_only) return true;
  const auto v = env("HF_HUB_OFFLINE");
  return is_true(v ? v : env("TRANSFORMERS_OFFLINE"));
}

}  // namespace autoclass
