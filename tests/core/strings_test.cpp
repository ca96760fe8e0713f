#include <catch2/catch.hpp>

#include "runtime/core/strings.h"

using namespace autoclass;

TEST_CASE("edit distance and nearest names") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  const std::vector<std::string> fields = {"hidden_size", "vocab_size", "num_hidden_layers"};
  CHECK(nearest_names("hiden_size", fields, 1) == std::vector<std::string>{"hidden_size"});
  CHECK(nearest_names("zzzzzzzzzz", fields, 1).empty());
  CHECK(join({"a", "b"}, ", ") == "a, b");
}
