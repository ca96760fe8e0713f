// autoclass Hub client: downloads files from a Hugging Face Hub endpoint into the cache layout that
// Python's huggingface_hub uses ($HF_HUB_CACHE/models--org--name/{blobs,snapshots,refs,.no_exist}), so
// both tools share one cache. Offline (HF_HUB_OFFLINE=1 or local_files_only) everything is served from
// the cache without a single network call.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/error.h"

namespace autoclass {

// The Hub (or a cached .no_exist marker) says this file does not exist in the repo at that revision.
class HubEntryNotFound : public Error {
 public:
  explicit HubEntryNotFound(const std::string& message) : Error(ErrorKind::kNotFound, message) {}
};
// Offline (or the Hub unreachable) and the file is not in the cache.
class HubNotCached : public Error {
 public:
  HubNotCached(ErrorKind kind, const std::string& message) : Error(kind, message) {}
};

struct HubOptions {
  std::string endpoint;            // "" → $HF_ENDPOINT or https://huggingface.co
  std::filesystem::path cache_dir; // "" → $HF_HUB_CACHE or $HF_HOME/hub
  std::optional<std::string> token;  // unset → $HF_TOKEN or the token file; "" → send no token
  std::string revision;            // "" → "main"; branch, tag, 40-hex commit or refs/pr/N
  std::string subfolder;           // folder inside the repo ("" = root)
  bool local_files_only = false;   // also forced by HF_HUB_OFFLINE=1
  double timeout_seconds = 10.0;   // connect timeout, and the longest stall allowed while reading
  int max_retries = 3;             // extra attempts for 5xx / dropped connections (downloads resume)
  bool progress = true;            // progress bar on stderr, only when stderr is a terminal
};

// HF's repo id rules: "name" or "namespace/name", each part of [A-Za-z0-9_.-] starting and ending
// with a letter, digit or '_', no "--" or "..", not ending in ".git", at most 96 characters.
bool is_repo_id(const std::string& text);

// Downloads (or finds in the cache) one file and returns its path inside snapshots/<commit>/.
// Errors name repo, revision and file: kNotFound for missing repo / revision / file (or not cached
// while offline), kNetwork for transport / HTTP failures, kIo for cache write failures.
std::filesystem::path hf_hub_download(const std::string& repo_id, const std::string& filename,
                                      const HubOptions& opts = {});

// Cache lookup only (never any network). Like huggingface_hub.try_to_load_from_cache:
//   kFound (path set), kKnownMissing (.no_exist marker), kNotCached.
struct CacheLookup {
  enum class State { kFound, kKnownMissing, kNotCached } state = State::kNotCached;
  std::filesystem::path path;
};
CacheLookup lookup_in_cache(const std::string& repo_id, const std::string& filename, const HubOptions& opts = {});
// The path when the file is cached; nullopt when it is not cached or known to be missing.
std::optional<std::filesystem::path> try_to_load_from_cache(const std::string& repo_id, const std::string& filename,
                                                            const HubOptions& opts = {});

// Downloads every file of the repo at the revision whose path matches one of allow_patterns
// (fnmatch rules as in huggingface_hub; empty = all files) and returns snapshots/<commit>.
std::filesystem::path snapshot_download(const std::string& repo_id, const std::vector<std::string>& allow_patterns = {},
                                        const HubOptions& opts = {});

// What from_pretrained needs. A local folder is returned as is. A repo id downloads the wanted files
// and returns the snapshot folder (joined with opts.subfolder). In wanted_files a trailing '?' marks
// an optional file (skipped when the Hub says it does not exist); "model.safetensors" falls back to
// "model.safetensors.index.json" and every shard it names when the Hub says EntryNotFound for it.
// An empty list means default_model_files().
std::filesystem::path resolve_model_folder(const std::string& dir_or_repo_id,
                                           const std::vector<std::string>& wanted_files,
                                           const HubOptions& opts = {});
// config.json, model.safetensors, and optional generation_config.json and tokenizer files.
std::vector<std::string> default_model_files();

// Environment resolution, as huggingface_hub.constants does it.
std::string hub_endpoint(const HubOptions& opts = {});          // no trailing '/'
std::filesystem::path hub_cache_dir(const HubOptions& opts = {});
std::optional<std::string> hub_token(const HubOptions& opts = {});
bool hub_offline(const HubOptions& opts = {});                  // local_files_only or HF_HUB_OFFLINE

}  // namespace autoclass
