// main() for every test executable. A run whose name filter matches no test fails (exit 2) instead of
// passing with "No tests ran": catch_discover_tests splits a test name at ';', and the halves matched
// nothing, so four such tests were silently never run by CTest.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char** argv) {
  Catch::Session session;
  session.configData().warnings =
      static_cast<Catch::WarnAbout::What>(session.configData().warnings | Catch::WarnAbout::NoTests);
  if (const int rc = session.applyCommandLine(argc, argv); rc != 0) return rc;
  return session.run();
}
