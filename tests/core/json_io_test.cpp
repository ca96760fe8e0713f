#include <catch2/catch.hpp>

#include <filesystem>

#include "runtime/core/error.h"
#include "runtime/core/json_io.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using Catch::Matchers::Contains;

TEST_CASE("JSON parse errors carry origin, line and column") {
  CHECK_THROWS_WITH(parse_json("{\n  \"a\": 1,\n  \"b\": ]\n}", "x.json"), Contains("x.json:3:8: malformed JSON"));
  CHECK_THROWS_WITH(parse_json("", "empty.json"), Contains("empty.json:1:"));
  CHECK_THROWS_WITH(parse_json_file("/nonexistent/config.json"), Contains("/nonexistent/config.json: no such file"));
}

TEST_CASE("atomic writes leave no temporary files and replace whole files") {
  test::TempDir tmp;
  const auto p = tmp.path() / "f.json";
  write_file_atomic(p, "one");
  write_file_atomic(p, "two");
  CHECK(read_text_file(p) == "two");
  CHECK(!write_file_if_changed(p, "two"));
  CHECK(write_file_if_changed(p, "three"));
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(tmp.path())) files += e.is_regular_file();
  CHECK(files == 1);
  CHECK_THROWS_AS(write_file_atomic(tmp.path() / "missing-dir" / "x", "y"), Error);
}

TEST_CASE("deeply nested JSON is refused with a clear error, not a stack overflow") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK_THROWS_WITH(parse_json(deep, "deep.json"), Contains("deep.json:1:513: JSON nested deeper than 512 levels"));
  const std::string ok = std::string(100, '[') + std::string(100, ']');
  CHECK(parse_json(ok, "ok.json").is_array());
}

TEST_CASE("numbers out of double range are a parse error, not a stray exception") {
  CHECK_THROWS_AS(parse_json("{\"a\": 1e999}", "big.json"), Error);
}
