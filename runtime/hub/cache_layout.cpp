// The huggingface_hub cache layout: blobs/<etag>, snapshots/<commit>/<file> → ../../blobs/<etag>,
// refs/<revision>, .no_exist/<commit>/<file>, and lock files under <cache>/.locks/<repo folder>/.
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "runtime/core/error.h"
#include "runtime/core/json_io.h"
#include "runtime/hub/hub_internal.h"

namespace autoclass::hub {
namespace fs = std::filesystem;

RepoCache::RepoCache(const fs::path& cache_dir, const std::string& repo_id)
    : root(cache_dir / repo_folder_name(repo_id)), locks(cache_dir / ".locks" / repo_folder_name(repo_id)) {}

std::optional<std::string> RepoCache::commit_for(const std::string& revision) const {
  const fs::path r = ref(revision);
  std::error_code ec;
  if (fs::is_regular_file(r, ec)) {
    std::ifstream in(r, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string commit = ss.str();
    while (!commit.empty() && std::isspace(static_cast<unsigned char>(commit.back()))) commit.pop_back();
    if (!commit.empty()) return commit;
  }
  if (is_commit_hash(revision)) return revision;
  return std::nullopt;
}

void RepoCache::write_ref(const std::string& revision, const std::string& commit) const {
  if (revision == commit) return;
  if (commit_for(revision) == commit && fs::is_regular_file(ref(revision))) return;
  fs::create_directories(ref(revision).parent_path());
  write_file_atomic(ref(revision), commit);
}

void RepoCache::mark_no_exist(const std::string& commit, const std::string& file) const {
  const fs::path p = no_exist(commit, file);
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  std::ofstream touch(p, std::ios::app);
  // A marker we cannot write only costs a future network probe; not worth failing the load for.
}

fs::path RepoCache::link_snapshot(const std::string& commit, const std::string& file, const std::string& etag) const {
  const fs::path pointer = snapshot(commit) / file;
  const fs::path target = (fs::path("blobs") / etag).lexically_relative((fs::path("snapshots") / commit / file).parent_path());
  std::error_code ec;
  fs::create_directories(pointer.parent_path(), ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot create cache folder " + pointer.parent_path().string() + ": " + ec.message());
  if (fs::is_symlink(pointer, ec) && fs::read_symlink(pointer, ec) == target) return pointer;
  // Build the link under a temporary name and rename it over the old one: readers never see a gap.
  const fs::path tmp = pointer.string() + ".tmp." + std::to_string(::getpid());
  fs::remove(tmp, ec);
  fs::create_symlink(target, tmp, ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot create symlink " + tmp.string() + ": " + ec.message());
  fs::rename(tmp, pointer, ec);
  if (ec) {
    fs::remove(tmp);
    throw Error(ErrorKind::kIo, "cannot create symlink " + pointer.string() + ": " + ec.message());
  }
  return pointer;
}

}  // namespace autoclass::hub

namespace autoclass {

CacheLookup lookup_in_cache(const std::string& repo_id, const std::string& filename, const HubOptions& opts) {
  namespace fs = std::filesystem;
  const hub::RepoCache cache(hub_cache_dir(opts), repo_id);
  const std::string file = hub::path_in_repo(opts.subfolder, filename);
  CacheLookup out;
  std::error_code ec;
  if (!fs::is_directory(cache.root, ec)) return out;
  const auto commit = cache.commit_for(hub::effective_revision(opts));
  if (!commit) return out;
  if (fs::exists(cache.no_exist(*commit, file), ec)) {
    out.state = CacheLookup::State::kKnownMissing;
    return out;
  }
  const fs::path p = cache.snapshot(*commit) / file;
  if (fs::exists(p, ec)) {  // follows the symlink: a dangling link is not a cached file
    out.state = CacheLookup::State::kFound;
    out.path = p;
  }
  return out;
}

std::optional<std::filesystem::path> try_to_load_from_cache(const std::string& repo_id, const std::string& filename,
                                                            const HubOptions& opts) {
  const CacheLookup l = lookup_in_cache(repo_id, filename, opts);
  if (l.state == CacheLookup::State::kFound) return l.path;
  return std::nullopt;
}

}  // namespace autoclass
