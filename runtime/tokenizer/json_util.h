// Reading tokenizer.json with errors that name the file and JSON path ("tokenizer.json: /model/vocab:
// expected an object"), so a malformed file is diagnosable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/core/error.h"
#include "runtime/core/json_io.h"
#include "runtime/tokenizer/models/vocab.h"

namespace autoclass::tok {

struct JsonAt {
  const Json& value;
  std::string path;   // JSON pointer, e.g. /pre_tokenizer/pretokenizers/1
  std::string file;   // for messages

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::kParse, file + ": " + (path.empty() ? "/" : path) + ": " + what);
  }
  JsonAt at(const std::string& key) const {
    if (!value.is_object()) fail("expected an object");
    auto it = value.find(key);
    if (it == value.end()) JsonAt{value, json_path_join(path, key), file}.fail("missing field");
    return {*it, json_path_join(path, key), file};
  }
  JsonAt at(std::size_t i) const { return {value.at(i), json_path_join(path, i), file}; }
  bool has(const std::string& key) const {
    return value.is_object() && value.contains(key) && !value.at(key).is_null();
  }
  std::optional<JsonAt> maybe(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    return JsonAt{value.at(key), json_path_join(path, key), file};
  }
  const Json& object() const { if (!value.is_object()) fail("expected an object"); return value; }
  const Json& array() const { if (!value.is_array()) fail("expected an array"); return value; }
  std::string str() const { if (!value.is_string()) fail("expected a string"); return value.get<std::string>(); }
  bool boolean() const { if (!value.is_boolean()) fail("expected true/false"); return value.get<bool>(); }
  std::int64_t integer() const {
    if (!value.is_number_integer()) fail("expected an integer");
    return value.get<std::int64_t>();
  }
  // A token id: ids index dense tables, so they are capped at kMaxTokenId (models/vocab.h).
  std::uint32_t token_id() const {
    const std::int64_t id = integer();
    if (id < 0 || id > kMaxTokenId) fail(token_id_range_error());
    return static_cast<std::uint32_t>(id);
  }
  double number() const { if (!value.is_number()) fail("expected a number"); return value.get<double>(); }

  std::string str_or(const std::string& key, const std::string& def) const { auto m = maybe(key); return m ? m->str() : def; }
  bool bool_or(const std::string& key, bool def) const { auto m = maybe(key); return m ? m->boolean() : def; }
  std::int64_t int_or(const std::string& key, std::int64_t def) const { auto m = maybe(key); return m ? m->integer() : def; }
};

}  // namespace autoclass::tok
