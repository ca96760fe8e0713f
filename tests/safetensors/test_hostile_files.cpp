// Malformed and malicious .safetensors files: each must fail with an Error naming the file and, where
// there is one, the tensor; never a crash or an out-of-bounds read.
#include <catch2/catch.hpp>

#include <fstream>

#include "runtime/core/error.h"
#include "runtime/safetensors/safetensors.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;

namespace {
std::string le64(std::uint64_t n) {
  std::string s(8, '\0');
  for (int i = 0; i < 8; ++i) s[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
  return s;
}

// 8-byte length + header + `data_bytes` bytes of data.
std::string file_bytes(const std::string& header, std::size_t data_bytes) {
  return le64(header.size()) + header + std::string(data_bytes, '\x01');
}

struct Hostile {
  test::TempDir dir;
  fs::path write(const std::string& bytes, const std::string& name = "bad.safetensors") {
    const fs::path p = dir.path() / name;
    std::ofstream(p, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p;
  }
  // Opening fails with an Error whose message names the file and contains every `parts`.
  void expect_error(const std::string& bytes, std::initializer_list<std::string> parts) {
    const fs::path p = write(bytes);
    try {
      SafetensorsFile f(p);
      FAIL("opened without error");
    } catch (const Error& e) {
      const std::string msg = e.what();
      INFO(msg);
      CHECK(msg.find(p.string()) != std::string::npos);
      for (const auto& part : parts) CHECK(msg.find(part) != std::string::npos);
    }
  }
};

// {e1,e2,...} without "literal" + std::string temporaries (they trip a GCC 12 -Wrestrict false positive).
std::string obj(std::initializer_list<std::string> entries, const std::string& tail = "") {
  std::string out("{");
  for (const auto& e : entries) {
    if (out.size() > 1) out += ',';
    out += e;
  }
  out += '}';
  return out + tail;
}

std::string entry(const std::string& name, const std::string& dtype, const std::string& shape, const std::string& offsets) {
  return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
}
}  // namespace

TEST_CASE("empty, truncated and length-field attacks") {
  Hostile h;
  h.expect_error("", {"empty file"});
  h.expect_error("\x10\x00\x00", {"truncated"});
  h.expect_error(le64(1000) + "{}", {"header length 1000", "past the end"});
  h.expect_error(le64(std::uint64_t{1} << 62) + "{}", {"absurdly large"});
  h.expect_error(le64(~std::uint64_t{0}) + "{}", {"absurdly large"});
  h.expect_error(le64(0), {"header length is 0"});
}

TEST_CASE("header that is not a JSON object") {
  Hostile h;
  h.expect_error(file_bytes("{\"a\": [1, 2", 0), {"malformed JSON", ":1:"});
  h.expect_error(file_bytes("[1, 2, 3]", 0), {"JSON object"});
  h.expect_error(file_bytes("\"text\"", 0), {"JSON object"});
  h.expect_error(file_bytes("{\"w\": 5}", 0), {"'w'", "expected an object"});
  h.expect_error(file_bytes("{}  trailing", 0), {"malformed JSON"});
  h.expect_error(file_bytes("{\"w\":" + std::string(100000, '['), 0), {"nested deeper"});
  h.expect_error(file_bytes("{\"w\": \"\xff\xfe\"}", 0), {"malformed JSON"});
}

TEST_CASE("offsets overlapping, out of bounds, leaving gaps or trailing bytes") {
  Hostile h;
  h.expect_error(file_bytes(obj({entry("a", "F32", "[2]", "[0,8]"), entry("b", "F32", "[2]", "[4,12]")}), 12),
                 {"'b'", "overlap", "'a'"});
  h.expect_error(file_bytes(obj({entry("a", "F32", "[2]", "[0,8]"), entry("b", "F32", "[2]", "[0,8]")}), 8),
                 {"overlap"});
  h.expect_error(file_bytes(obj({entry("a", "F32", "[2]", "[0,8]")}), 4), {"'a'", "past the end of the data region"});
  h.expect_error(file_bytes(obj({entry("a", "F32", "[2]", "[4,12]")}), 12), {"'a'", "gap"});
  h.expect_error(file_bytes(obj({entry("a", "F32", "[2]", "[0,8]")}), 12), {"trailing"});
  h.expect_error(file_bytes(obj({entry("a", "F32", "[0]", "[8,0]")}), 8), {"'a'", "begin > end"});
  h.expect_error(file_bytes(obj({entry("a", "F32", "[2]", "[18446744073709551615,7]")}), 8), {"'a'", "begin > end"});
  h.expect_error(file_bytes(obj({entry("a", "F32", "[2]", "[-8,0]")}), 8), {"'a'", "non-negative"});
  h.expect_error(file_bytes(obj({entry("a", "F32", "[2]", "[0,8.0]")}), 8), {"'a'", "non-negative integers"});
  h.expect_error(file_bytes(obj({entry("a", "F32", "[2]", "[0,8,16]")}), 8), {"'a'", "[begin, end]"});
  h.expect_error(file_bytes(obj({entry("a", "F32", "[2]", "[0,99999999999999999999999]")}), 8), {"'a'"});
}

TEST_CASE("shape and dtype that disagree with the byte range") {
  Hostile h;
  h.expect_error(file_bytes(obj({entry("w", "F32", "[3]", "[0,8]")}), 8), {"'w'", "12 bytes", "span 8"});
  h.expect_error(file_bytes(obj({entry("w", "F32", "[-1, 2]", "[0,8]")}), 8), {"'w'", "negative"});
  h.expect_error(file_bytes(obj({entry("w", "F32", "[4294967296, 4294967296, 16]", "[0,8]")}), 8),
                 {"'w'", "overflows"});
  h.expect_error(file_bytes(obj({entry("w", "F64", "[1152921504606846976, 8]", "[0,8]")}), 8), {"'w'", "overflows"});
  h.expect_error(file_bytes(obj({entry("w", "F32", "[2.5]", "[0,8]")}), 8), {"'w'", "non-integer"});
  h.expect_error(file_bytes(obj({entry("w", "F32", "[1e999]", "[0,8]")}), 8), {"number overflow"});  // found by fuzzing
  h.expect_error(file_bytes(obj({entry("w", "F32", "\"2\"", "[0,8]")}), 8), {"'w'", "shape"});
  h.expect_error(file_bytes(obj({entry("w", "F33", "[2]", "[0,8]")}), 8), {"'w'", "unknown dtype 'F33'"});
  h.expect_error(file_bytes(obj({entry("w", "U32", "[2]", "[0,8]")}), 8), {"'w'", "U32 is not supported"});
  h.expect_error(file_bytes("{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), {"'w'", "missing \"data_offsets\""});
  h.expect_error(file_bytes("{\"w\":{\"dtype\":7,\"shape\":[2],\"data_offsets\":[0,8]}}", 8), {"'w'", "dtype"});
}

TEST_CASE("duplicate tensor names and bad metadata") {
  Hostile h;
  h.expect_error(file_bytes(obj({entry("a", "F32", "[1]", "[0,4]"), entry("a", "F32", "[1]", "[4,8]")}), 8),
                 {"duplicate key 'a'"});
  h.expect_error(file_bytes("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                 {"duplicate key 'dtype'"});
  h.expect_error(file_bytes("{\"__metadata__\":{\"format\":1}}", 0), {"__metadata__", "'format'", "string"});
  h.expect_error(file_bytes("{\"__metadata__\":[\"pt\"]}", 0), {"__metadata__"});
}

TEST_CASE("a real checkpoint cut short names the tensor that no longer fits") {
  Hostile h;
  std::string bytes = read_text_file(test::fixture("models/bert_mlm/model.safetensors"));
  bytes.resize(bytes.size() - 100);
  h.expect_error(bytes, {"past the end of the data region", "truncated"});
  bytes.resize(2000);  // inside the header
  h.expect_error(bytes, {"runs past the end of the file"});
}

TEST_CASE("valid corner cases are accepted") {
  Hostile h;
  // No tensors at all; zero-element tensors sharing an offset; null metadata; padding spaces.
  CHECK(SafetensorsFile(h.write(file_bytes("{}", 0))).names().empty());
  const fs::path p = h.write(file_bytes("{\"__metadata__\":null," + entry("e1", "F32", "[0,3]", "[0,0]") + "," +
                                            entry("e2", "I8", "[0]", "[0,0]") + "," + entry("x", "U8", "[]", "[0,1]") +
                                            "}      ",
                                        1));
  SafetensorsFile f(p);
  CHECK(f.get("e1").numel() == 0);
  CHECK(f.get("x").data<std::uint8_t>()[0] == 1);
  CHECK_THROWS_WITH(f.get("nope"), Catch::Contains("'nope'") && Catch::Contains(p.string()));
}

TEST_CASE("unaligned data is copied rather than read through a misaligned pointer") {
  Hostile h;
  // Header of odd length: the F32 data starts at an odd file offset.
  const std::string header = obj({entry("a", "F32", "[2]", "[0,8]")}, " ");
  REQUIRE((8 + header.size()) % 4 != 0);
  SafetensorsFile f(h.write(file_bytes(header, 8)));
  const Tensor t = f.get("a");
  CHECK(reinterpret_cast<std::uintptr_t>(t.raw()) % 4 == 0);
  CHECK(t.nbytes() == 8);
}

TEST_CASE("a directory or a missing path is not a safetensors file") {
  Hostile h;
  CHECK_THROWS_WITH(SafetensorsFile(h.dir.path()), Catch::Contains("not a regular file"));
  CHECK_THROWS_WITH(SafetensorsFile(h.dir.path() / "missing.safetensors"), Catch::Contains("missing.safetensors"));
}
