// autoclass: the command line over the Auto classes. Exit codes: 0 success, 1 failure (the error is
// on stderr), 2 bad usage.
#include <iostream>

#include "cli/commands.h"
#include "runtime/config/registry.h"
#include "runtime/core/error.h"
#include "runtime/core/strings.h"

namespace autoclass::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      demo_command(),     info_command(),     list_command(),  config_command(), tokenize_command(),
      forward_command(),  generate_command(), fill_mask_command(), classify_command(), embed_command(),
      classify_image_command(), transcribe_command(), download_command(), bench_command()};
  return all;
}

std::string json_line(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string resolve_auto_class(const std::string& name) {
  for (const auto& ac : generated::auto_classes())
    if (ac.name == name || (!ac.cli_task.empty() && ac.cli_task == name)) return std::string(ac.name);
  std::vector<std::string> names;
  for (const auto& ac : generated::auto_classes()) names.emplace_back(ac.name);
  const auto near = nearest_names(name, names, 1);
  throw UsageError("unknown Auto class '" + name + "'" + (near.empty() ? std::string() : " (did you mean '" + near[0] + "'?)"));
}

namespace {
void print_main_help() {
  std::cout << "usage: autoclass COMMAND [ARGS]   (autoclass COMMAND --help for details)\n\n"
               "HF Transformers' Auto classes in C++: MODEL is a local folder or a Hub id.\n\ncommands:\n";
  for (const auto& c : commands()) {
    std::string name = "  " + c.spec.name;
    name.resize(14, ' ');
    std::cout << name << c.spec.summary << "\n";
  }
}
}  // namespace

}  // namespace autoclass::cli

int main(int argc, char** argv) {
  using namespace autoclass::cli;
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    print_main_help();
    return argc < 2 ? 2 : 0;
  }
  const std::string name = argv[1];
  const Command* cmd = nullptr;
  for (const auto& c : commands())
    if (c.spec.name == name) cmd = &c;
  if (!cmd) {
    std::vector<std::string> names;
    for (const auto& c : commands()) names.push_back(c.spec.name);
    const auto near = autoclass::nearest_names(name, names, 1);
    std::cerr << "autoclass: unknown command '" << name << "'" << (near.empty() ? "" : " (did you mean '" + near[0] + "'?)")
              << "\nrun 'autoclass --help' for the list\n";
    return 2;
  }
  try {
    Args args(cmd->spec, std::vector<std::string>(argv + 2, argv + argc));
    if (args.help()) {
      std::cout << help_text(cmd->spec);
      return 0;
    }
    return cmd->run(args);
  } catch (const UsageError& e) {
    std::cerr << "autoclass " << name << ": " << e.what() << "\nusage: " << cmd->spec.usage << "\n";
    return 2;
  } catch (const autoclass::Error& e) {
    std::cerr << "autoclass " << name << ": error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "autoclass " << name << ": error: " << e.what() << "\n";
    return 1;
  }
}
