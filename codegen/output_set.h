// The generator's output: relative path → contents, built in memory, then either written
// (only files whose contents changed, so builds stay incremental) or compared with a directory.
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>

namespace autoclass::codegen {

class OutputSet {
 public:
  void add(const std::string& relative_path, std::string contents);
  const std::map<std::string, std::string>& files() const { return files_; }

  // Writes changed files; with `prune`, deletes files under the generator's folders (configs/, tables/,
  // docs/) that it no longer produces. Returns the number of files written.
  int write(const std::filesystem::path& dir, bool prune, std::ostream& log) const;
  // Compares with `dir`; prints each difference (missing, extra, or the first differing lines).
  // Returns the number of files that differ.
  int check(const std::filesystem::path& dir, std::ostream& out) const;

 private:
  std::map<std::string, std::string> files_;
};

}  // namespace autoclass::codegen
