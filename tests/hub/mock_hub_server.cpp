#include "tests/hub/mock_hub_server.h"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "runtime/hub/http_client.h"
#include "runtime/hub/hub_internal.h"
#include "tests/support/fixtures.h"

namespace autoclass::test {

MockHubServer::MockHubServer(const std::vector<std::string>& args) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe() failed");
  std::vector<std::string> argv_s = {AUTOCLASS_PYTHON3, AUTOCLASS_MOCK_HUB, "--max-seconds", "90"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork() failed");
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1);
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(AUTOCLASS_PYTHON3, argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  // First line of its stdout is the endpoint; give it 20 s to start.
  std::string line;
  pollfd p{fds[0], POLLIN, 0};
  while (line.find('\n') == std::string::npos) {
    if (::poll(&p, 1, 20000) <= 0) break;
    char buf[256];
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (line.find('\n') == std::string::npos) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    throw std::runtime_error("mock hub server did not start: " + line);
  }
  endpoint_ = line.substr(0, line.find('\n'));
}

MockHubServer::~MockHubServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::string MockHubServer::control(const std::string& path_and_query) const {
  hub::HttpSettings s;
  s.timeout_seconds = 10;
  const hub::HttpResponse r = hub::http_get(endpoint_ + path_and_query, s);
  if (r.status != 200) throw std::runtime_error("mock hub control " + path_and_query + " failed: " + std::to_string(r.status));
  return r.body;
}

void MockHubServer::fault(const std::string& repo, const std::string& file, const std::string& kind, int times,
                          double seconds, const std::string& method) {
  std::string q = "/_control/fault?repo=" + hub::url_quote(repo, "") + "&file=" + hub::url_quote(file, "") + "&kind=" + kind +
                  "&times=" + std::to_string(times) + "&seconds=" + std::to_string(seconds);
  if (!method.empty()) q += "&method=" + method;
  control(q);
}

Json MockHubServer::log() const { return parse_json(control("/_control/log"), "mock hub log"); }
void MockHubServer::reset() { control("/_control/reset"); }

std::vector<Json> MockHubServer::requests(const std::string& method, const std::string& fragment) const {
  std::vector<Json> out;
  for (const auto& r : log())
    if (r["method"] == method && r["path"].get<std::string>().find(fragment) != std::string::npos) out.push_back(r);
  return out;
}

std::vector<std::string> fixture_repo_args(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {
      "--repo", std::string(kBertRepo) + "=" + fixture("models/bert_mlm").string() + "@" + kBertCommit,
      "--repo", std::string(kGpt2Repo) + "=" + fixture("models/gpt2_sharded").string() + "@" + kGpt2Commit,
      "--exclude", "expected*"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

void EnvGuard::remember(const std::string& name) {
  for (const auto& s : saved_)
    if (s.first == name) return;
  const char* v = std::getenv(name.c_str());
  saved_.push_back({name, {v != nullptr, v ? v : ""}});
}

void EnvGuard::set(const std::string& name, const std::string& value) {
  remember(name);
  ::setenv(name.c_str(), value.c_str(), 1);
}

void EnvGuard::unset(const std::string& name) {
  remember(name);
  ::unsetenv(name.c_str());
}

EnvGuard::~EnvGuard() {
  for (const auto& [name, v] : saved_) {
    if (v.first)
      ::setenv(name.c_str(), v.second.c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
}

}  // namespace autoclass::test
