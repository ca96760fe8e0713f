// Runs tests/hub/mock_hub.py on 127.0.0.1 (ephemeral port) for the lifetime of the object. The process
// is killed in the destructor, dies with the test process (PR_SET_PDEATHSIG) and exits on its own
// after --max-seconds, so no server ever outlives a test.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "runtime/core/json_io.h"

namespace autoclass::test {

inline constexpr const char* kBertRepo = "autoclass-test/tiny-bert";
inline constexpr const char* kBertCommit = "f663ac1ed45de5e549f19b47e950558f58920834";
inline constexpr const char* kGpt2Repo = "autoclass-test/tiny-gpt2-sharded";
inline constexpr const char* kGpt2Commit = "dca019b1af3940a30ef45247a691e06bbcfb2b44";

class MockHubServer {
 public:
  explicit MockHubServer(const std::vector<std::string>& args);
  ~MockHubServer();
  MockHubServer(const MockHubServer&) = delete;
  MockHubServer& operator=(const MockHubServer&) = delete;

  const std::string& endpoint() const { return endpoint_; }
  void fault(const std::string& repo, const std::string& file, const std::string& kind, int times = 1,
             double seconds = 0, const std::string& method = "");
  Json log() const;  // every request so far: method, path, range, authorization, user_agent
  void reset();
  // Requests whose method matches and whose path contains `fragment`.
  std::vector<Json> requests(const std::string& method, const std::string& fragment) const;

 private:
  std::string control(const std::string& path_and_query) const;
  pid_t pid_ = -1;
  std::string endpoint_;
};

// The two fixture repos with the commits of tests/fixtures/hub-cache, plus any extra arguments.
std::vector<std::string> fixture_repo_args(const std::vector<std::string>& extra = {});

// setenv / unsetenv for one test, restored on destruction.
class EnvGuard {
 public:
  EnvGuard() = default;
  ~EnvGuard();
  void set(const std::string& name, const std::string& value);
  void unset(const std::string& name);

 private:
  void remember(const std::string& name);
  std::vector<std::pair<std::string, std::pair<bool, std::string>>> saved_;
};

}  // namespace autoclass::test
