// libFuzzer target: arbitrary bytes as config.json. The loader must either throw autoclass::Error or give a
// typed config whose save_pretrained form loads back to the same save form (nothing lost on round trip).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string_view>

#include "runtime/config/auto_config.h"
#include "runtime/core/error.h"
#include "runtime/core/json_io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace autoclass;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::unique_ptr<PretrainedConfig> config;
  try {
    config = AutoConfig::from_json(parse_json(text, "fuzz/config.json"), "fuzz/config.json");
  } catch (const Error&) {
    return 0;
  }
  // Accepted: every view of it must work, and the saved form must be a fixed point.
  const Json full = config->to_json();
  const Json saved = config->to_save_json();
  (void)config->to_diff_json();
  std::unique_ptr<PretrainedConfig> again;
  try {
    again = AutoConfig::from_json(saved, "fuzz/saved.json");
  } catch (const Error& e) {
    std::fprintf(stderr, "saved config does not load back: %s\n", e.what());
    std::abort();
  }
  if (again->to_save_json() != saved || again->to_json() != full) {
    std::fprintf(stderr, "round trip changed the config\nbefore: %s\nafter:  %s\n", saved.dump().c_str(),
                 again->to_save_json().dump().c_str());
    std::abort();
  }
  (void)dump_json_pretty(saved);
  return 0;
}
