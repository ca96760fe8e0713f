#include "runtime/safetensors/strict_json.h"

#include <set>
#include <vector>

#include "runtime/core/error.h"

namespace autoclass::safetensors {

Json parse_json_strict(std::string_view text, const std::string& origin, int max_depth) {
  // One set of seen keys per open object (arrays push an empty placeholder so depths line up).
  std::vector<std::set<std::string>> open_objects;
  auto callback = [&](int depth, Json::parse_event_t event, Json& parsed) -> bool {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        if (depth >= max_depth)
          throw Error(ErrorKind::kParse, origin + ": JSON nested deeper than " + std::to_string(max_depth) + " levels");
        open_objects.emplace_back();
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case Json::parse_event_t::key: {
        const std::string key = parsed.get<std::string>();
        if (!open_objects.empty() && !open_objects.back().insert(key).second)
          throw Error(ErrorKind::kParse, origin + ": duplicate key '" + key + "' in JSON object");
        break;
      }
      case Json::parse_event_t::value: break;
    }
    return true;
  };
  try {
    return Json::parse(text.begin(), text.end(), callback);
  } catch (const Json::parse_error&) {
    parse_json(text, origin);  // same parser without the callback: throws Error with line:column
    throw Error(ErrorKind::kParse, origin + ": malformed JSON");
  } catch (const Json::exception& e) {
    // e.g. out_of_range.406 "number overflow parsing '1e999'": not a parse_error, but still bad input.
    std::string what = e.what();
    const auto bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    throw Error(ErrorKind::kParse, origin + ": malformed JSON: " + what);
  }
}

}  // namespace autoclass::safetensors
