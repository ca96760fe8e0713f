// A one-line download progress bar on stderr (name, percent, size, speed, ETA), drawn only when
// stderr is a terminal so logs and pipes stay clean.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace autoclass::hub {

class ProgressBar {
 public:
  ProgressBar(std::string name, std::optional<std::int64_t> total, std::int64_t initial, bool wanted);
  ~ProgressBar();
  void update(std::int64_t done);  // bytes so far (including the resumed part)
  void finish();

 private:
  void draw(bool final_line);
  std::string name_;
  std::optional<std::int64_t> total_;
  std::int64_t initial_, done_;
  bool active_, finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

std::string human_bytes(double bytes);

}  // namespace autoclass::hub
