// Collects schema errors as "file: /json/path: message" lines so one run reports all of them.
#pragma once

#include <string>
#include <vector>

namespace autoclass::codegen {

class Diagnostics {
 public:
  void error(const std::string& file, const std::string& path, const std::string& message) {
    errors_.push_back(file + ": " + (path.empty() ? "/" : path) + ": " + message);
  }
  bool ok() const { return errors_.empty(); }
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  std::vector<std::string> errors_;
};

}  // namespace autoclass::codegen
