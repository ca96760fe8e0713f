#include "cli/args.h"

#include <cstdlib>

#include "runtime/core/strings.h"

namespace autoclass::cli {

Args::Args(const CommandSpec& spec, const std::vector<std::string>& argv) : spec_(spec) {
  bool only_positionals = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positionals || a.size() < 2 || a[0] != '-' || a == "-") {
      positionals_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positionals = true;
      continue;
    }
    if (a == "--help" || a == "-h") {
      help_ = true;
      continue;
    }
    std::string name = a, value;
    bool inline_value = false;
    if (const auto eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
      inline_value = true;
    }
    const FlagSpec* flag = nullptr;
    for (const auto& f : spec.flags)
      if (f.name == name) flag = &f;
    if (!flag) {
      std::vector<std::string> names;
      for (const auto& f : spec.flags) names.push_back(f.name);
      const auto near = nearest_names(name, names, 1);
      throw UsageError("unknown option '" + name + "' for 'autoclass " + spec.name + "'" +
                       (near.empty() ? std::string() : " (did you mean '" + near[0] + "'?)"));
    }
    if (flag->takes_value && !inline_value) {
      if (i + 1 >= argv.size()) throw UsageError("option '" + name + "' needs a value");
      value = argv[++i];
    } else if (!flag->takes_value && inline_value) {
      throw UsageError("option '" + name + "' takes no value");
    }
    flags_.emplace(name, value);
  }
}

bool Args::has(const std::string& flag) const { return flags_.count(flag) > 0; }

std::optional<std::string> Args::value(const std::string& flag) const {
  std::optional<std::string> out;
  auto [b, e] = flags_.equal_range(flag);
  for (auto it = b; it != e; ++it) out = it->second;
  return out;
}

std::vector<std::string> Args::values(const std::string& flag) const {
  std::vector<std::string> out;
  auto [b, e] = flags_.equal_range(flag);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

std::string Args::value_or(const std::string& flag, const std::string& fallback) const {
  auto v = value(flag);
  return v ? *v : fallback;
}

long long Args::int_value(const std::string& flag, long long fallback) const {
  auto v = value(flag);
  if (!v) return fallback;
  char* end = nullptr;
  const long long n = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end) throw UsageError("option '" + flag + "' expects an integer, got '" + *v + "'");
  return n;
}

double Args::float_value(const std::string& flag, double fallback) const {
  auto v = value(flag);
  if (!v) return fallback;
  char* end = nullptr;
  const double d = std::strtod(v->c_str(), &end);
  if (v->empty() || *end) throw UsageError("option '" + flag + "' expects a number, got '" + *v + "'");
  return d;
}

bool Args::bool_value(const std::string& flag, bool fallback) const {
  auto v = value(flag);
  if (!v) return fallback;
  if (*v == "true" || *v == "1" || *v == "yes") return true;
  if (*v == "false" || *v == "0" || *v == "no") return false;
  throw UsageError("option '" + flag + "' expects true or false, got '" + *v + "'");
}

const std::string& Args::positional(std::size_t i, const std::string& what) const {
  if (i >= positionals_.size()) throw UsageError("missing " + what);
  return positionals_[i];
}

void Args::expect_positionals(std::size_t min, std::size_t max) const {
  if (positionals_.size() < min) throw UsageError("missing arguments");
  if (positionals_.size() > max)
    throw UsageError("unexpected argument '" + positionals_[max] + "'");
}

std::string help_text(const CommandSpec& spec) {
  std::string s = "usage: " + spec.usage + "\n\n" + spec.summary + "\n";
  if (!spec.flags.empty()) {
    s += "\noptions:\n";
    for (const auto& f : spec.flags) {
      std::string left = "  " + f.name + (f.takes_value ? " VALUE" : "");
      if (left.size() < 30) left.resize(30, ' ');
      else left += "  ";
      s += left + f.help + "\n";
    }
  }
  s += "  --help                      show this help\n";
  return s;
}

}  // namespace autoclass::cli
