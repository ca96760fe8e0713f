// snapshot_download: ask the Hub API which files the revision has (GET /api/models/{repo}/revision/{rev}),
// download the ones matching allow_patterns and return snapshots/<commit>. Offline, or when the Hub
// cannot be reached, the cached snapshot folder for the revision is returned as is.
#include <fnmatch.h>

#include <set>

#include "runtime/core/json_io.h"
#include "runtime/hub/hub_errors.h"
#include "runtime/hub/hub_internal.h"

namespace autoclass {
namespace fs = std::filesystem;
using namespace hub;

namespace {

// huggingface_hub's filter_repo_objects: fnmatch (where '*' also matches '/'); "dir/" means "dir/*".
bool matches_any(const std::string& path, const std::vector<std::string>& patterns) {
  if (patterns.empty()) return true;
  for (std::string p : patterns) {
    if (!p.empty() && p.back() == '/') p += '*';
    if (::fnmatch(p.c_str(), path.c_str(), FNM_NOESCAPE) == 0) return true;
  }
  return false;
}

struct RepoListing {
  std::string commit;
  std::vector<std::string> files;
};

RepoListing fetch_listing(const std::string& repo_id, const std::string& revision, const HubOptions& opts) {
  const std::string url = hub_endpoint(opts) + "/api/models/" + repo_id + "/revision/" + url_quote(revision, "");
  const std::string what = describe(repo_id, revision, "");
  for (int attempt = 0;; ++attempt) {
    try {
      const HttpResponse r = http_get(url, settings_for(opts, true));
      raise_for_status(r, "GET", what);
      const Json j = parse_json(r.body, "GET " + url);
      RepoListing out;
      if (!j.is_object() || !j.contains("sha") || !j["sha"].is_string())
        throw Error(ErrorKind::kParse, "GET " + url + ": the answer has no \"sha\" (commit) field");
      out.commit = j["sha"].get<std::string>();
      if (!is_commit_hash(out.commit)) throw Error(ErrorKind::kParse, "GET " + url + ": \"sha\" is not a commit hash: " + out.commit);
      if (j.contains("siblings") && j["siblings"].is_array())
        for (const auto& s : j["siblings"])
          if (s.is_object() && s.contains("rfilename") && s["rfilename"].is_string()) out.files.push_back(s["rfilename"]);
      return out;
    } catch (const TransportError&) {
      if (attempt >= opts.max_retries) throw;
    } catch (const HubHttpError& e) {
      if (!e.retryable() || attempt >= opts.max_retries) throw;
    }
    backoff_sleep(attempt);
  }
}

fs::path cached_snapshot_or_throw(const RepoCache& cache, const std::string& repo_id, const std::string& revision,
                                  const std::string& why) {
  std::error_code ec;
  if (const auto commit = cache.commit_for(revision)) {
    const fs::path dir = cache.snapshot(*commit);
    if (fs::is_directory(dir, ec)) return dir;
  }
  throw HubNotCached(ErrorKind::kNotFound, "Cannot find a cached snapshot of " + describe(repo_id, revision, "") + " in " +
                                               cache.root.parent_path().string() + ", " + why);
}

}  // namespace

fs::path snapshot_download(const std::string& repo_id, const std::vector<std::string>& allow_patterns, const HubOptions& opts) {
  if (!is_repo_id(repo_id)) throw Error(ErrorKind::kInvalidArgument, "'" + repo_id + "' is not a valid Hub repo id (namespace/name)");
  const std::string revision = effective_revision(opts);
  const RepoCache cache(hub_cache_dir(opts), repo_id);
  if (hub_offline(opts))
    return cached_snapshot_or_throw(cache, repo_id, revision,
                                    std::string("and outgoing traffic is disabled (") +
                                        (opts.local_files_only ? "local_files_only" : "HF_HUB_OFFLINE") + ")");
  RepoListing listing;
  try {
    listing = fetch_listing(repo_id, revision, opts);
  } catch (const TransportError& e) {
    return cached_snapshot_or_throw(cache, repo_id, revision, std::string("and the Hub cannot be reached: ") + e.what());
  } catch (const HubHttpError& e) {
    if (e.code == "RevisionNotFound" || e.code == "RepoNotFound" || e.code == "GatedRepo" || e.status == 401) throw;
    return cached_snapshot_or_throw(cache, repo_id, revision, std::string("and the Hub answered with an error: ") + e.what());
  }
  cache.write_ref(revision, listing.commit);
  HubOptions pinned = opts;
  pinned.revision = listing.commit;  // every file from the same commit, even if the branch moves meanwhile
  pinned.subfolder.clear();
  for (const auto& f : listing.files)
    if (matches_any(f, allow_patterns)) hf_hub_download(repo_id, f, pinned);
  std::error_code ec;
  fs::create_directories(cache.snapshot(listing.commit), ec);
  return cache.snapshot(listing.commit);
}

}  // namespace autoclass
