// The autoclass subcommands. Each has a spec (flags, usage) and a run function; main.cpp dispatches.
#pragma once

#include <string>
#include <vector>

#include "cli/args.h"
#include "runtime/core/error.h"
#include "runtime/core/json_io.h"

namespace autoclass::cli {

struct Command {
  CommandSpec spec;
  int (*run)(const Args& args);
};

// All subcommands, in the order `autoclass --help` lists them.
const std::vector<Command>& commands();

// Each lives in its own file (cmd_*.cpp).
Command list_command();
Command config_command();
Command info_command();
Command tokenize_command();
Command forward_command();
Command generate_command();
Command bench_command();
Command download_command();
Command fill_mask_command();
Command classify_command();
Command embed_command();
Command demo_command();
Command classify_image_command();
Command transcribe_command();

// Shared helpers.
std::string json_line(const Json& value);  // compact, invalid UTF-8 replaced
// The Auto class a task flag names: an Auto class name or its cli_task alias ("causal-lm").
std::string resolve_auto_class(const std::string& name_or_task);

}  // namespace autoclass::cli
