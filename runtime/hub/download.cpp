// hf_hub_download: HEAD the resolve URL for commit / etag / size, then fetch the blob into
// blobs/<etag>.incomplete (resuming with Range), check size and sha256, rename, and link it from
// snapshots/<commit>/<file>. Follows huggingface_hub's _hf_hub_download_to_cache_dir step by step.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "runtime/hub/file_lock.h"
#include "runtime/hub/hub_errors.h"
#include "runtime/hub/hub_internal.h"
#include "runtime/hub/progress_bar.h"
#include "runtime/hub/sha256.h"

namespace autoclass {
namespace fs = std::filesystem;
using namespace hub;

namespace hub {

HttpSettings settings_for(const HubOptions& opts, bool with_token) {
  HttpSettings s;
  s.timeout_seconds = opts.timeout_seconds;
  if (with_token)
    if (auto t = hub_token(opts)) s.headers.push_back("Authorization: Bearer " + *t);
  return s;
}

void backoff_sleep(int attempt) {
  const int ms = std::min(2000, 200 << std::min(attempt, 4));
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

// Retries transport failures and 5xx / 429 answers up to opts.max_retries times.
template <typename F>
auto with_retries(const HubOptions& opts, F&& f) -> decltype(f()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return f();
    } catch (const TransportError&) {
      if (attempt >= opts.max_retries) throw;
    } catch (const HubHttpError& e) {
      if (!e.retryable() || attempt >= opts.max_retries) throw;
    }
    backoff_sleep(attempt);
  }
}

std::string normalize_etag(std::string etag) {
  if (etag.rfind("W/", 0) == 0) etag = etag.substr(2);
  while (!etag.empty() && etag.front() == '"') etag.erase(etag.begin());
  while (!etag.empty() && etag.back() == '"') etag.pop_back();
  return etag;
}

std::optional<std::int64_t> parse_size(const std::string& s) {
  if (s.empty()) return std::nullopt;
  try {
    return std::stoll(s);
  } catch (...) {
    return std::nullopt;
  }
}

// HEAD without following redirects, except relative ones (a renamed repo), as huggingface_hub does:
// the 302 an LFS file answers with carries X-Linked-Etag / X-Linked-Size and the CDN Location.
FileMetadata fetch_metadata(const std::string& url, const HubOptions& opts, const std::string& what) {
  HttpSettings s = settings_for(opts, true);
  s.headers.push_back("Accept-Encoding: identity");
  std::string current = url;
  HttpResponse r;
  for (int hops = 0;; ++hops) {
    r = http_head(current, s);
    const std::string loc = r.header("location");
    if (r.status >= 300 && r.status < 400 && !loc.empty() && is_relative_location(loc)) {
      if (hops >= 10) throw Error(ErrorKind::kNetwork, "too many relative redirects for " + what + " starting at " + url);
      current = resolve_location(current, loc);
      continue;
    }
    break;
  }
  raise_for_status(r, "HEAD", what);
  FileMetadata m;
  m.commit = r.header("x-repo-commit");
  const std::string linked = r.header("x-linked-etag");
  m.etag = normalize_etag(linked.empty() ? r.header("etag") : linked);
  const std::string loc = r.header("location");
  m.location = loc.empty() ? current : resolve_location(current, loc);
  const std::string linked_size = r.header("x-linked-size");
  m.size = parse_size(linked_size.empty() ? r.header("content-length") : linked_size);
  if (m.commit.empty() || m.etag.empty())
    throw Error(ErrorKind::kNetwork, "the server sent no X-Repo-Commit / ETag header for " + what + " (HEAD " + url +
                                         "); is HF_ENDPOINT a Hugging Face Hub?");
  if (!m.size)
    throw Error(ErrorKind::kNetwork, "the server sent no file size for " + what + " (HEAD " + url + ")");
  // Both become file names in the cache: never let a server steer them out of it.
  const auto unusable = [](const std::string& n) { return n.find('/') != std::string::npos || n == "." || n == ".."; };
  if (unusable(m.etag)) throw Error(ErrorKind::kNetwork, "the server sent an unusable ETag '" + m.etag + "' for " + what);
  if (unusable(m.commit)) throw Error(ErrorKind::kNetwork, "the server sent an unusable commit '" + m.commit + "' for " + what);
  return m;
}

namespace {

std::int64_t file_size_or_zero(const fs::path& p) {
  std::error_code ec;
  const auto n = fs::file_size(p, ec);
  return ec ? 0 : static_cast<std::int64_t>(n);
}

class Fd {
 public:
  explicit Fd(const fs::path& p) : fd_(::open(p.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666)) {
    if (fd_ < 0) throw Error(ErrorKind::kIo, "cannot write " + p.string());
  }
  ~Fd() { ::close(fd_); }
  int get() const { return fd_; }

 private:
  int fd_;
};

bool write_all(int fd, const char* data, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

}  // namespace

// Downloads the blob for `m` into blobs/<etag>; caller holds the blob's lock.
void download_blob(const FileMetadata& m, const RepoCache& cache, const std::string& file, const HubOptions& opts,
                   const std::string& what) {
  const fs::path blob = cache.blob(m.etag);
  const fs::path incomplete = blob.string() + ".incomplete";
  std::error_code ec;
  fs::create_directories(blob.parent_path(), ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot create cache folder " + blob.parent_path().string() + ": " + ec.message());
  // The token is for the Hub only; an LFS redirect to another host (CDN) gets no Authorization.
  const bool same_host = url_host(m.location) == url_host(hub_endpoint(opts));
  const std::int64_t expected = *m.size;
  int failures = 0;
  for (;;) {
    std::int64_t have = file_size_or_zero(incomplete);
    if (have > expected) {
      fs::resize_file(incomplete, 0, ec);
      have = 0;
    }
    if (have == expected) break;
    HttpSettings s = settings_for(opts, same_host);
    if (have > 0) s.headers.push_back("Range: bytes=" + std::to_string(have) + "-");
    Fd fd(incomplete);
    ProgressBar bar(file, expected, have, opts.progress);
    std::int64_t written = have;
    bool first = true;
    const BodySink sink = [&](long status, const char* data, std::size_t n) {
      if (first) {
        first = false;
        if (status == 200 && written > 0) {  // the server ignored Range: start over
          if (::ftruncate(fd.get(), 0) != 0) return false;
          written = 0;
        }
      }
      if (written + static_cast<std::int64_t>(n) > expected) return false;  // more than announced
      if (!write_all(fd.get(), data, n)) return false;
      written += static_cast<std::int64_t>(n);
      bar.update(written);
      return true;
    };
    try {
      const HttpResponse r = http_get(m.location, s, sink);
      if (r.status == 416) {  // our partial file does not fit the server's: start over
        fs::resize_file(incomplete, 0, ec);
        throw HubHttpError(ErrorKind::kNetwork, "range not satisfiable", 416, "", "");
      }
      raise_for_status(r, "GET", what);
      if (r.status != 200 && r.status != 206)
        throw Error(ErrorKind::kNetwork, "unexpected HTTP " + std::to_string(r.status) + " for GET " + r.url + " (" + what + ")");
      bar.finish();
      break;
    } catch (const TransportError&) {
      if (written > have) failures = 0;  // progress was made: the next attempt resumes from there
      if (++failures > opts.max_retries) throw;
    } catch (const HubHttpError& e) {
      if (!(e.retryable() || e.status == 416) || ++failures > opts.max_retries) throw;
    }
    backoff_sleep(failures);
  }
  const std::int64_t got = file_size_or_zero(incomplete);
  if (got != expected) {
    fs::remove(incomplete, ec);
    throw Error(ErrorKind::kNetwork, "Consistency check failed: " + what + " should be " + std::to_string(expected) +
                                         " bytes but the download has " + std::to_string(got) + "; it was discarded");
  }
  if (is_sha256_hex(m.etag)) {
    const std::string digest = sha256_file_hex(incomplete);
    if (digest != m.etag) {
      fs::remove(incomplete, ec);
      throw Error(ErrorKind::kNetwork, "sha256 mismatch for " + what + ": the Hub announced " + m.etag + " but the download hashes to " +
                                           digest + "; it was discarded");
    }
  }
  fs::rename(incomplete, blob, ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot move " + incomplete.string() + " to " + blob.string() + ": " + ec.message());
}

}  // namespace hub

namespace {

std::string offline_reason(const HubOptions& opts) {
  return opts.local_files_only ? "local_files_only is set" : "HF_HUB_OFFLINE is set";
}

// The cached snapshot file for a revision, ignoring .no_exist (used when the Hub cannot be asked).
std::optional<fs::path> cached_pointer(const RepoCache& cache, const std::string& revision, const std::string& file) {
  const auto commit = cache.commit_for(revision);
  if (!commit) return std::nullopt;
  const fs::path p = cache.snapshot(*commit) / file;
  std::error_code ec;
  if (fs::exists(p, ec)) return p;
  return std::nullopt;
}

}  // namespace

fs::path hf_hub_download(const std::string& repo_id, const std::string& filename, const HubOptions& opts) {
  if (!is_repo_id(repo_id)) throw Error(ErrorKind::kInvalidArgument, "'" + repo_id + "' is not a valid Hub repo id (namespace/name)");
  if (filename.empty()) throw Error(ErrorKind::kInvalidArgument, "empty file name for repo '" + repo_id + "'");
  const std::string file = path_in_repo(opts.subfolder, filename);
  const std::string revision = effective_revision(opts);
  const std::string what = describe(repo_id, revision, file);
  for (const auto& part : fs::path(file))
    if (part == ".." || part == "." || part.string() == "/")
      throw Error(ErrorKind::kInvalidArgument, "file path '" + file + "' must stay inside the repo (" + what + ")");
  const fs::path cache_dir = hub_cache_dir(opts);
  const RepoCache cache(cache_dir, repo_id);
  std::error_code ec;

  // A commit is immutable: what the cache holds for it is final, no need to ask the Hub.
  if (is_commit_hash(revision)) {
    const fs::path p = cache.snapshot(revision) / file;
    if (fs::exists(p, ec)) return p;
    if (fs::exists(cache.no_exist(revision, file), ec))
      throw HubEntryNotFound("File not found in the repo: " + what + " (known from the cache's .no_exist marker)");
  }

  if (hub_offline(opts)) {
    const CacheLookup l = lookup_in_cache(repo_id, filename, opts);
    if (l.state == CacheLookup::State::kFound) return l.path;
    if (l.state == CacheLookup::State::kKnownMissing)
      throw HubEntryNotFound("File not found in the repo: " + what + " (known from the cache's .no_exist marker; offline)");
    throw HubNotCached(ErrorKind::kNotFound, "Cannot find " + what + " in the cache at " + cache_dir.string() +
                                                 ", and outgoing traffic is disabled (" + offline_reason(opts) +
                                                 "). Download it once online or unset offline mode.");
  }

  const std::string url = resolve_url(hub_endpoint(opts), repo_id, revision, file);
  FileMetadata meta;
  try {
    meta = with_retries(opts, [&] { return fetch_metadata(url, opts, what); });
  } catch (const HubHttpError& e) {
    if (e.code == "EntryNotFound") {
      if (!e.commit.empty()) {
        cache.mark_no_exist(e.commit, file);
        cache.write_ref(revision, e.commit);
      }
      throw HubEntryNotFound(e.what());
    }
    if (e.code == "RevisionNotFound") throw;
    if (auto p = cached_pointer(cache, revision, file)) return *p;  // Hub trouble, but we have it
    throw;
  } catch (const TransportError& e) {
    if (auto p = cached_pointer(cache, revision, file)) return *p;
    throw HubNotCached(ErrorKind::kNetwork, std::string(e.what()) + " — cannot fetch " + what + ", and it is not in the cache at " +
                                                cache_dir.string() + " (set HF_HUB_OFFLINE=1 to use only the cache)");
  }

  cache.write_ref(revision, meta.commit);
  const fs::path pointer = cache.snapshot(meta.commit) / file;
  if (fs::exists(pointer, ec)) return pointer;
  if (fs::exists(cache.blob(meta.etag), ec)) return cache.link_snapshot(meta.commit, file, meta.etag);

  FileLock lock(cache.lock(meta.etag));
  if (!fs::exists(cache.blob(meta.etag), ec)) download_blob(meta, cache, file, opts, what);  // else: another process did it
  return cache.link_snapshot(meta.commit, file, meta.etag);
}

}  // namespace autoclass
