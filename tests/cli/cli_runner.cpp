#include "tests/cli/cli_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/fixtures.h"

extern char** environ;

namespace autoclass::test {
namespace {

std::vector<std::string> build_env(const CliEnv& env) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    const std::string kv = *e;
    const std::string key = kv.substr(0, kv.find('='));
    bool drop = env.set.count(key) > 0;
    for (const auto& u : env.unset) drop = drop || u == key;
    if (!drop) out.push_back(kv);
  }
  for (const auto& [k, v] : env.set) out.push_back(k + "=" + v);
  return out;
}

}  // namespace

std::string cli_path() { return AUTOCLASS_CLI_PATH; }

std::vector<std::string> CliResult::out_lines() const {
  std::vector<std::string> lines;
  std::istringstream s(out);
  std::string line;
  while (std::getline(s, line)) lines.push_back(line);
  return lines;
}

Json CliResult::out_json() const { return Json::parse(out); }

CliResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text, const CliEnv& env,
                      int timeout_seconds) {
  // Files, not pipes: no deadlock however much the child writes.
  TempDir io;
  const auto in_path = io.path() / "stdin", out_path = io.path() / "stdout", err_path = io.path() / "stderr";
  std::ofstream(in_path, std::ios::binary) << stdin_text;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);

  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  const auto env_strings = build_env(env);
  std::vector<char*> cenv;
  for (const auto& e : env_strings) cenv.push_back(const_cast<char*>(e.c_str()));
  cenv.push_back(nullptr);

  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("posix_spawn " + argv[0] + ": " + std::strerror(rc));

  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  bool killed = false;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      killed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CliResult r;
  r.exit_code = (!killed && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
  r.out = read_text_file(out_path);
  r.err = read_text_file(err_path);
  if (killed) r.err += "\n[test: killed after " + std::to_string(timeout_seconds) + " s]";
  return r;
}

CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text, const CliEnv& env,
                  int timeout_seconds) {
  std::vector<std::string> argv{cli_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv, stdin_text, env, timeout_seconds);
}

}  // namespace autoclass::test
