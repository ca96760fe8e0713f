// Repo ids, revisions and resolve URLs, following huggingface_hub's validate_repo_id and hf_hub_url.
#include <regex>

#include "runtime/hub/hub_internal.h"

namespace autoclass {

bool is_repo_id(const std::string& text) {
  if (text.empty() || text.size() > 96) return false;
  if (text.find("--") != std::string::npos || text.find("..") != std::string::npos) return false;
  if (text.size() >= 4 && text.compare(text.size() - 4, 4, ".git") == 0) return false;
  // Python's `^(\b[\w\-.]+\b/)?\b[\w\-.]+\b$`: one or two parts, each starting and ending with a word char.
  static const std::regex re(R"(^([A-Za-z0-9_][A-Za-z0-9_.\-]*/)?[A-Za-z0-9_][A-Za-z0-9_.\-]*$)");
  if (!std::regex_match(text, re)) return false;
  const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  const auto slash = text.find('/');
  if (slash != std::string::npos && !is_word(text[slash - 1])) return false;
  return is_word(text.back());
}

namespace hub {

std::string url_quote(const std::string& text, const std::string& safe) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '_' || c == '.' || c == '-' || c == '~' || safe.find(static_cast<char>(c)) != std::string::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string resolve_url(const std::string& endpoint, const std::string& repo_id, const std::string& revision,
                        const std::string& path_in_repo) {
  return endpoint + "/" + repo_id + "/resolve/" + url_quote(revision, "") + "/" + url_quote(path_in_repo, "/");
}

std::string repo_folder_name(const std::string& repo_id) {
  std::string out = "models--";
  for (char c : repo_id) {
    if (c == '/')
      out += "--";
    else
      out += c;
  }
  return out;
}

bool is_commit_hash(const std::string& revision) {
  static const std::regex re("^[0-9a-f]{40}$");
  return std::regex_match(revision, re);
}

bool is_sha256_hex(const std::string& text) {
  static const std::regex re("^[0-9a-f]{64}$");
  return std::regex_match(text, re);
}

std::string path_in_repo(const std::string& subfolder, const std::string& filename) {
  std::string sub = subfolder;
  while (!sub.empty() && sub.back() == '/') sub.pop_back();
  return sub.empty() ? filename : sub + "/" + filename;
}

std::string effective_revision(const HubOptions& opts) {
  return opts.revision.empty() ? std::string(kDefaultRevision) : opts.revision;
}

std::string describe(const std::string& repo_id, const std::string& revision, const std::string& file) {
  std::string s = "repo '" + repo_id + "', revision '" + revision + "'";
  if (!file.empty()) s += ", file '" + file + "'";
  return s;
}

}  // namespace hub
}  // namespace autoclass
