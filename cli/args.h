// Command-line parsing for the autoclass subcommands: each command declares its flags (with or
// without a value); anything else is a usage error that names the flag and suggests the nearest one.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace autoclass::cli {

// Bad usage: printed with the command's usage line, exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FlagSpec {
  std::string name;   // "--max-new-tokens"
  bool takes_value;
  std::string help;   // one line for --help
};

struct CommandSpec {
  std::string name;       // "generate"
  std::string usage;      // "autoclass generate MODEL --input-ids 1,2,3 ..."
  std::string summary;    // one line
  std::vector<FlagSpec> flags;
};

class Args {
 public:
  Args(const CommandSpec& spec, const std::vector<std::string>& argv);  // argv after the command name

  bool help() const { return help_; }
  bool has(const std::string& flag) const;                        // given at least once
  std::optional<std::string> value(const std::string& flag) const;  // last value given
  std::vector<std::string> values(const std::string& flag) const;   // every value given
  std::string value_or(const std::string& flag, const std::string& fallback) const;
  long long int_value(const std::string& flag, long long fallback) const;
  double float_value(const std::string& flag, double fallback) const;
  bool bool_value(const std::string& flag, bool fallback) const;   // true/false/1/0/yes/no

  const std::vector<std::string>& positionals() const { return positionals_; }
  const std::string& positional(std::size_t i, const std::string& what) const;  // UsageError when absent
  void expect_positionals(std::size_t min, std::size_t max) const;

 private:
  const CommandSpec& spec_;
  bool help_ = false;
  std::multimap<std::string, std::string> flags_;
  std::vector<std::string> positionals_;
};

std::string help_text(const CommandSpec& spec);

}  // namespace autoclass::cli
