// Internal pieces shared by the hub sources: URL building, cache paths, the metadata a HEAD returns.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "runtime/hub/http_client.h"
#include "runtime/hub/hub.h"

namespace autoclass::hub {

inline constexpr const char* kDefaultRevision = "main";

// Percent-encoding as Python's urllib.parse.quote: keeps A-Z a-z 0-9 "_.-~" and the `safe` characters.
std::string url_quote(const std::string& text, const std::string& safe);
// {endpoint}/{repo_id}/resolve/{quote(revision, safe="")}/{quote(path_in_repo)}
std::string resolve_url(const std::string& endpoint, const std::string& repo_id, const std::string& revision,
                        const std::string& path_in_repo);
// "org/name" → "models--org--name"
std::string repo_folder_name(const std::string& repo_id);
bool is_commit_hash(const std::string& revision);  // ^[0-9a-f]{40}$
bool is_sha256_hex(const std::string& text);       // ^[0-9a-f]{64}$
// subfolder + "/" + filename (either may be empty).
std::string path_in_repo(const std::string& subfolder, const std::string& filename);
std::string effective_revision(const HubOptions& opts);  // "" → main
// "repo 'x', revision 'y', file 'z'" — the phrase every error uses.
std::string describe(const std::string& repo_id, const std::string& revision, const std::string& file);

// One repo's folder in the cache.
struct RepoCache {
  std::filesystem::path root;   // <cache>/models--org--name
  std::filesystem::path locks;  // <cache>/.locks/models--org--name
  RepoCache(const std::filesystem::path& cache_dir, const std::string& repo_id);

  std::filesystem::path blob(const std::string& etag) const { return root / "blobs" / etag; }
  std::filesystem::path snapshot(const std::string& commit) const { return root / "snapshots" / commit; }
  std::filesystem::path ref(const std::string& revision) const { return root / "refs" / revision; }
  std::filesystem::path no_exist(const std::string& commit, const std::string& file) const {
    return root / ".no_exist" / commit / file;
  }
  std::filesystem::path lock(const std::string& etag) const { return locks / (etag + ".lock"); }

  // The commit a revision stands for in this cache: a commit hash as is, else refs/<revision> when present.
  std::optional<std::string> commit_for(const std::string& revision) const;
  void write_ref(const std::string& revision, const std::string& commit) const;  // no trailing newline
  void mark_no_exist(const std::string& commit, const std::string& file) const;
  // snapshots/<commit>/<file> → relative symlink to blobs/<etag> (replacing whatever was there).
  std::filesystem::path link_snapshot(const std::string& commit, const std::string& file, const std::string& etag) const;
};

// What a HEAD on the resolve URL tells us (huggingface_hub's HfFileMetadata).
struct FileMetadata {
  std::string commit;    // X-Repo-Commit
  std::string etag;      // X-Linked-Etag or ETag, without W/ and quotes
  std::string location;  // where to GET: the redirect target for LFS files, else the resolve URL
  std::optional<std::int64_t> size;  // X-Linked-Size or Content-Length
};

// Request settings for opts (timeout; the Bearer token when with_token and one is configured).
HttpSettings settings_for(const HubOptions& opts, bool with_token);
// Waits before retry number `attempt` (0.2 s doubling, at most 2 s).
void backoff_sleep(int attempt);

}  // namespace autoclass::hub
