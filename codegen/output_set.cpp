#include "codegen/output_set.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "runtime/core/json_io.h"

namespace autoclass::codegen {
namespace fs = std::filesystem;

namespace {
const char* const kOwnedFolders[] = {"configs", "tables", "docs"};

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}
}  // namespace

void OutputSet::add(const std::string& relative_path, std::string contents) { files_[relative_path] = std::move(contents); }

int OutputSet::write(const fs::path& dir, bool prune, std::ostream& log) const {
  int written = 0;
  for (const auto& [rel, contents] : files_)
    if (write_file_if_changed(dir / rel, contents)) ++written;
  if (prune) {
    for (const char* folder : kOwnedFolders) {
      if (!fs::is_directory(dir / folder)) continue;
      std::vector<fs::path> stale;
      for (const auto& e : fs::recursive_directory_iterator(dir / folder)) {
        if (!e.is_regular_file()) continue;
        const std::string rel = fs::relative(e.path(), dir).generic_string();
        if (!files_.count(rel)) stale.push_back(e.path());
      }
      for (const auto& p : stale) {
        log << "removing stale " << p.string() << "\n";
        fs::remove(p);
      }
    }
  }
  return written;
}

int OutputSet::check(const fs::path& dir, std::ostream& out) const {
  int differences = 0;
  for (const auto& [rel, contents] : files_) {
    std::string have;
    if (!read_file(dir / rel, have)) {
      out << "missing: " << (dir / rel).string() << "\n";
      ++differences;
      continue;
    }
    if (have == contents) continue;
    ++differences;
    out << "differs: " << (dir / rel).string() << "\n";
    const auto a = split_lines(have), b = split_lines(contents);
    int shown = 0;
    for (std::size_t i = 0; i < std::max(a.size(), b.size()) && shown < 6; ++i) {
      const std::string* la = i < a.size() ? &a[i] : nullptr;
      const std::string* lb = i < b.size() ? &b[i] : nullptr;
      if (la && lb && *la == *lb) continue;
      out << "  line " << (i + 1) << ":\n";
      if (la) out << "  - " << *la << "\n";
      if (lb) out << "  + " << *lb << "\n";
      ++shown;
    }
  }
  for (const char* folder : kOwnedFolders) {
    if (!fs::is_directory(dir / folder)) continue;
    for (const auto& e : fs::recursive_directory_iterator(dir / folder)) {
      if (!e.is_regular_file()) continue;
      const std::string rel = fs::relative(e.path(), dir).generic_string();
      if (!files_.count(rel)) {
        out << "extra (no longer generated): " << e.path().string() << "\n";
        ++differences;
      }
    }
  }
  return differences;
}

}  // namespace autoclass::codegen
