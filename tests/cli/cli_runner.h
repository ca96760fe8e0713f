// Runs the autoclass binary as a user would: argv, optional stdin text, extra environment; captures
// stdout, stderr and the exit code. Kills the child after a timeout so a hang fails the test.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runtime/core/json_io.h"

namespace autoclass::test {

struct CliResult {
  int exit_code = -1;  // -1: killed (timeout or signal)
  std::string out;
  std::string err;
  std::vector<std::string> out_lines() const;  // stdout split on '\n', empty trailing line dropped
  Json out_json() const;                       // stdout parsed as one JSON value (throws on bad JSON)
};

struct CliEnv {
  std::map<std::string, std::string> set;       // added or overriding the test's environment
  std::vector<std::string> unset;               // removed from it
};

CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "", const CliEnv& env = {},
                  int timeout_seconds = 60);

// Runs any program (e.g. tar) with the same capture; argv[0] is the program path.
CliResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text = "", const CliEnv& env = {},
                      int timeout_seconds = 60);

std::string cli_path();

inline bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace autoclass::test
