#include "runtime/hub/progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace autoclass::hub {

std::string human_bytes(double bytes) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1000 && u < 4) { bytes /= 1000; ++u; }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f%s" : "%.1f%s", bytes, units[u]);
  return buf;
}

ProgressBar::ProgressBar(std::string name, std::optional<std::int64_t> total, std::int64_t initial, bool wanted)
    : name_(std::move(name)), total_(total), initial_(initial), done_(initial),
      active_(wanted && ::isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()), last_draw_(start_) {
  if (name_.size() > 40) name_ = "(…)" + name_.substr(name_.size() - 40);
}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::int64_t done) {
  done_ = done;
  if (!active_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(false);
}

void ProgressBar::finish() {
  if (!active_ || finished_) return;
  finished_ = true;
  draw(true);
}

void ProgressBar::draw(bool final_line) {
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double speed = secs > 0 ? static_cast<double>(done_ - initial_) / secs : 0;
  std::string line = name_ + ": ";
  if (total_ && *total_ > 0) {
    const double frac = static_cast<double>(done_) / static_cast<double>(*total_);
    const int width = 20, filled = static_cast<int>(frac * width);
    char pct[16];
    std::snprintf(pct, sizeof pct, "%3.0f%% ", frac * 100);
    line += pct + std::string("|") + std::string(filled, '#') + std::string(width - filled, ' ') + "| ";
    line += human_bytes(static_cast<double>(done_)) + "/" + human_bytes(static_cast<double>(*total_));
    if (speed > 0 && !final_line) {
      const int eta = static_cast<int>(static_cast<double>(*total_ - done_) / speed);
      char e[32];
      std::snprintf(e, sizeof e, " ETA %d:%02d", eta / 60, eta % 60);
      line += " [" + human_bytes(speed) + "/s" + e + "]";
    } else {
      line += " [" + human_bytes(speed) + "/s]";
    }
  } else {
    line += human_bytes(static_cast<double>(done_)) + " [" + human_bytes(speed) + "/s]";
  }
  std::fprintf(stderr, "\r%s\x1b[K%s", line.c_str(), final_line ? "\n" : "");
  std::fflush(stderr);
}

}  // namespace autoclass::hub
