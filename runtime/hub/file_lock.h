// An exclusive flock() on a lock file, held for the object's lifetime: two processes downloading the
// same blob take turns instead of writing the same .incomplete file at once.
#pragma once

#include <filesystem>

namespace autoclass::hub {

class FileLock {
 public:
  explicit FileLock(const std::filesystem::path& path);  // blocks until acquired; throws Error(kIo)
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace autoclass::hub
