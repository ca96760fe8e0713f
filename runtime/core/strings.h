// Small string helpers: joining, and "did you mean" suggestions by edit distance.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace autoclass {

std::string join(const std::vector<std::string>& parts, std::string_view sep);

// Levenshtein distance (insert / delete / substitute, each cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `limit` candidates closest to `name`, nearest first (ties by name); only candidates within
// max(2, |name| / 3) edits, or that contain / are contained in `name`.
std::vector<std::string> nearest_names(std::string_view name, const std::vector<std::string>& candidates,
                                       std::size_t limit);

}  // namespace autoclass
