// resolve_model_folder: what from_pretrained needs from a folder or a repo id — config, weights (single
// file, or the sharded index and its shards), and whichever optional files the repo has.
#include <exception>
#include <set>

#include "runtime/core/json_io.h"
#include "runtime/hub/hub_internal.h"

namespace autoclass {
namespace fs = std::filesystem;

std::vector<std::string> default_model_files() {
  return {"config.json",
          "model.safetensors",
          "generation_config.json?",
          "tokenizer.json?",
          "tokenizer_config.json?",
          "special_tokens_map.json?",
          "added_tokens.json?",
          "vocab.txt?",
          "vocab.json?",
          "merges.txt?",
          "tokenizer.model?",
          "spiece.model?",
          "sentencepiece.bpe.model?",
          "preprocessor_config.json?"};
}

namespace {

// The distinct shard file names an index's "weight_map" points at, in first-seen order.
std::vector<std::string> shard_names(const fs::path& index) {
  const Json j = parse_json_file(index);
  if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
    throw Error(ErrorKind::kParse, index.string() + ": /weight_map is missing or not an object");
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& [tensor, file] : j["weight_map"].items()) {
    if (!file.is_string())
      throw Error(ErrorKind::kParse, index.string() + ": " + json_path_join("/weight_map", tensor) + " is not a file name");
    const std::string name = file.get<std::string>();
    if (name.empty() || name.find("..") != std::string::npos || name[0] == '/')
      throw Error(ErrorKind::kParse, index.string() + ": " + json_path_join("/weight_map", tensor) + " names an unsafe file '" + name + "'");
    if (seen.insert(name).second) out.push_back(name);
  }
  return out;
}

// The snapshot commit a downloaded path lives in: <cache>/<repo>/snapshots/<commit>/...
std::string commit_of(const fs::path& p, const fs::path& repo_root) {
  const fs::path rel = p.lexically_relative(repo_root / "snapshots");
  return rel.empty() ? std::string() : rel.begin()->string();
}

}  // namespace

fs::path resolve_model_folder(const std::string& dir_or_repo_id, const std::vector<std::string>& wanted_files,
                              const HubOptions& opts) {
  std::error_code ec;
  if (fs::is_directory(dir_or_repo_id, ec)) {
    const fs::path dir = opts.subfolder.empty() ? fs::path(dir_or_repo_id) : fs::path(dir_or_repo_id) / opts.subfolder;
    if (!fs::is_directory(dir, ec)) throw Error(ErrorKind::kNotFound, "folder " + dir.string() + " does not exist");
    return dir;
  }
  if (!is_repo_id(dir_or_repo_id))
    throw Error(ErrorKind::kNotFound, "'" + dir_or_repo_id + "' is neither an existing local folder nor a valid Hub repo id (namespace/name)");
  const std::string& repo_id = dir_or_repo_id;
  const hub::RepoCache cache(hub_cache_dir(opts), repo_id);
  const std::vector<std::string> wanted = wanted_files.empty() ? default_model_files() : wanted_files;

  HubOptions o = opts;
  std::string commit;
  // After the first file, ask for the commit it came from: all files match, and cached ones need no HEAD.
  auto fetch = [&](const std::string& name) {
    const fs::path p = hf_hub_download(repo_id, name, o);
    if (commit.empty()) {
      commit = commit_of(p, cache.root);
      if (hub::is_commit_hash(commit)) o.revision = commit;
    }
    return p;
  };
  // True when the file is not to be had: the Hub says it does not exist, or it is not cached and the
  // Hub cannot be asked (offline or unreachable). `why` keeps the reason for the error message.
  std::exception_ptr why;
  auto absent = [&](const std::string& name, auto&& attempt) -> bool {
    try {
      attempt(name);
      return false;
    } catch (const HubEntryNotFound&) {
      return true;
    } catch (const HubNotCached&) {
      why = std::current_exception();
      return true;
    }
  };

  for (const std::string& entry : wanted) {
    const bool optional = !entry.empty() && entry.back() == '?';
    const std::string name = optional ? entry.substr(0, entry.size() - 1) : entry;
    if (name == "model.safetensors") {
      why = nullptr;
      if (!absent(name, fetch)) continue;
      const std::exception_ptr single_file_error = why;
      const std::string index_name = "model.safetensors.index.json";
      fs::path index;
      const bool no_index = absent(index_name, [&](const std::string& n) { index = fetch(n); });
      if (no_index) {
        if (optional) continue;
        if (single_file_error && !hub_offline(o)) std::rethrow_exception(single_file_error);  // the network, not the repo
        throw Error(ErrorKind::kNotFound, "No weights in " + hub::describe(repo_id, o.revision.empty() ? "main" : o.revision, "") +
                                              ": neither model.safetensors nor model.safetensors.index.json " +
                                              (hub_offline(o) ? "is in the cache (offline)" : "exists on the Hub"));
      }
      for (const auto& shard : shard_names(index)) fetch(shard);
      continue;
    }
    if (optional) {
      absent(name, fetch);  // optional files that cannot be had are simply left out
    } else {
      fetch(name);
    }
  }
  if (commit.empty()) throw Error(ErrorKind::kNotFound, "none of the wanted files exist in repo '" + repo_id + "'");
  const fs::path snap = cache.snapshot(commit);
  return opts.subfolder.empty() ? snap : snap / opts.subfolder;
}

}  // namespace autoclass
