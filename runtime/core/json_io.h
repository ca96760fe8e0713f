// JSON and file I/O helpers shared by every loader: parse errors name the file, line and column;
// writes are atomic (temp file in the same folder + rename) so a crash never leaves half a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace autoclass {

using Json = nlohmann::json;

// Files read whole (configs, indexes, vocab lists) are capped: a JSON DOM takes 10-40x its text, so a
// hostile multi-GB "config.json" must be refused before it is read. Real ones are kilobytes.
inline constexpr std::uintmax_t kMaxTextFileBytes = std::uintmax_t{256} << 20;

// Reads a whole file; throws Error(kNotFound / kIo) naming the path, or Error(kLimit) when the file is
// larger than `max_bytes`.
std::string read_text_file(const std::filesystem::path& path, std::uintmax_t max_bytes = kMaxTextFileBytes);
// Throws Error(kLimit) "<path>: file is N MiB; autoclass refuses <what> over M MiB" when size > max_bytes.
void check_file_size(const std::filesystem::path& path, std::uintmax_t size, std::uintmax_t max_bytes);

// Parses JSON text; on failure throws Error(kParse) "<origin>:<line>:<column>: <what>".
Json parse_json(std::string_view text, const std::string& origin);
Json parse_json_file(const std::filesystem::path& path);

// Writes `contents` to `path` atomically: `<path>.tmp.<pid>` then rename().
void write_file_atomic(const std::filesystem::path& path, std::string_view contents);

// Writes only when the contents differ (keeps timestamps stable for incremental builds).
// Returns true when the file was (re)written.
bool write_file_if_changed(const std::filesystem::path& path, std::string_view contents);

// JSON text the way HF's `to_json_string` writes it: 2-space indent, sorted keys, trailing newline.
std::string dump_json_pretty(const Json& value);

// A JSON-pointer style path ("/fields/3/default") for error messages.
std::string json_path_join(std::string_view parent, std::string_view key);
std::string json_path_join(std::string_view parent, std::size_t index);

}  // namespace autoclass
