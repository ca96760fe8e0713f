#include "runtime/core/json_io.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "runtime/core/error.h"

namespace autoclass {
namespace fs = std::filesystem;

void check_file_size(const fs::path& path, std::uintmax_t size, std::uintmax_t max_bytes) {
  if (size <= max_bytes) return;
  auto mib = [](std::uintmax_t b) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(b) / (1 << 20));
    return std::string(buf);
  };
  throw Error(ErrorKind::kLimit, path.string() + ": file is " + mib(size) + "; autoclass refuses " +
                                     path.filename().string() + " files over " + mib(max_bytes) +
                                     " (real ones are far smaller: this one is corrupt or not what its name says)");
}

std::string read_text_file(const fs::path& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error(ErrorKind::kNotFound, path.string() + ": no such file");
  if (fs::is_directory(path, ec)) throw Error(ErrorKind::kIo, path.string() + ": is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIo, path.string() + ": cannot open: " + std::strerror(errno));
  std::string out;
  if (const auto size = fs::file_size(path, ec); !ec) {
    check_file_size(path, size, max_bytes);
    out.reserve(static_cast<std::size_t>(size));
  }
  // Read at most max_bytes + 1 so a file that grows (or a pipe) cannot get past the cap.
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > max_bytes) check_file_size(path, out.size(), max_bytes);
  }
  if (in.bad()) throw Error(ErrorKind::kIo, path.string() + ": read error");
  return out;
}

namespace {
// Converts a byte offset into 1-based line and column.
void line_col(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& col) {
  line = 1;
  col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
}
}  // namespace

namespace {
// Deeply nested JSON parses fine but later recursion (dump, comparisons) could exhaust the stack:
// refuse it up front. Scans brackets outside strings.
constexpr int kMaxJsonDepth = 512;
void check_depth(std::string_view text, const std::string& origin) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        std::size_t line = 0, col = 0;
        line_col(text, i, line, col);
        throw Error(ErrorKind::kParse, origin + ":" + std::to_string(line) + ":" + std::to_string(col) +
                                           ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
}
}  // namespace

Json parse_json(std::string_view text, const std::string& origin) {
  check_depth(text, origin);
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    std::size_t line = 0, col = 0;
    // nlohmann's byte position is 1-based and points just past the offending character.
    line_col(text, e.byte > 0 ? e.byte - 1 : 0, line, col);
    std::string what = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2: " prefix.
    const auto colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    throw Error(ErrorKind::kParse,
                origin + ":" + std::to_string(line) + ":" + std::to_string(col) + ": malformed JSON: " + what);
  } catch (const Json::exception& e) {  // e.g. a number too large for a double (1e999)
    std::string what = e.what();
    const auto bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    throw Error(ErrorKind::kParse, origin + ": malformed JSON: " + what);
  }
}

Json parse_json_file(const fs::path& path) { return parse_json(read_text_file(path), path.string()); }

void write_file_atomic(const fs::path& path, std::string_view contents) {
  const fs::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorKind::kIo, tmp.string() + ": cannot create: " + std::strerror(errno));
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw Error(ErrorKind::kIo, tmp.string() + ": write failed");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw Error(ErrorKind::kIo, path.string() + ": cannot replace: " + ec.message());
  }
}

bool write_file_if_changed(const fs::path& path, std::string_view contents) {
  std::error_code ec;
  if (fs::exists(path, ec)) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    if (ss.str() == contents) return false;
  } else if (path.has_parent_path()) {
    fs::create_directories(path.parent_path(), ec);
  }
  write_file_atomic(path, contents);
  return true;
}

std::string dump_json_pretty(const Json& value) { return value.dump(2, ' ', false) + "\n"; }

std::string json_path_join(std::string_view parent, std::string_view key) {
  std::string out(parent);
  out += '/';
  for (char c : key) {  // RFC 6901 escaping
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string json_path_join(std::string_view parent, std::size_t index) {
  return std::string(parent) + "/" + std::to_string(index);
}

}  // namespace autoclass
