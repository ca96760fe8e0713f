#include "cli/json_tensors.h"

#include <cstdlib>
#include <sstream>

#include "runtime/core/error.h"

namespace autoclass::cli {
namespace {

void walk(const Json& v, std::size_t depth, Shape& shape, std::vector<double>& flat, bool& all_int,
          const std::string& name, const std::string& path) {
  if (v.is_array()) {
    if (v.empty()) throw Error(ErrorKind::kInvalidArgument, name + path + ": empty list");
    if (depth == shape.size()) {
      if (!flat.empty()) throw Error(ErrorKind::kInvalidArgument, name + path + ": ragged nesting (a list where a number was expected)");
      shape.push_back(static_cast<std::int64_t>(v.size()));
    } else if (shape[depth] != static_cast<std::int64_t>(v.size())) {
      throw Error(ErrorKind::kInvalidArgument, name + path + ": has " + std::to_string(v.size()) + " elements, expected " +
                                                   std::to_string(shape[depth]) + " (lists must be rectangular)");
    }
    for (std::size_t i = 0; i < v.size(); ++i) walk(v[i], depth + 1, shape, flat, all_int, name, path + "/" + std::to_string(i));
    return;
  }
  if (!v.is_number()) throw Error(ErrorKind::kInvalidArgument, name + path + ": expected a number, got " + v.dump());
  if (depth != shape.size()) throw Error(ErrorKind::kInvalidArgument, name + path + ": ragged nesting (a number where a list was expected)");
  if (!v.is_number_integer()) all_int = false;
  flat.push_back(v.get<double>());
}

}  // namespace

Tensor tensor_from_nested_json(const Json& value, const std::string& name) {
  Shape shape;
  std::vector<double> flat;
  bool all_int = true;
  walk(value, 0, shape, flat, all_int, name, "");
  if (shape.empty()) throw Error(ErrorKind::kInvalidArgument, name + ": expected a nested list, got a single number");
  if (all_int) {
    std::vector<std::int64_t> ints(flat.begin(), flat.end());
    return Tensor::from_vector<std::int64_t>(shape, ints);
  }
  std::vector<float> floats(flat.begin(), flat.end());
  return Tensor::from_vector<float>(shape, floats);
}

Tensor int_rows_from_text(const std::string& text, const std::string& flag) {
  std::vector<std::vector<std::int64_t>> rows;
  std::stringstream rs(text);
  for (std::string row; std::getline(rs, row, ';');) {
    std::vector<std::int64_t> ids;
    std::stringstream cs(row);
    for (std::string cell; std::getline(cs, cell, ',');) {
      while (!cell.empty() && cell.front() == ' ') cell.erase(cell.begin());
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      char* end = nullptr;
      const long long v = std::strtoll(cell.c_str(), &end, 10);
      if (cell.empty() || *end) throw Error(ErrorKind::kInvalidArgument, flag + ": '" + cell + "' is not an integer");
      ids.push_back(v);
    }
    if (ids.empty()) throw Error(ErrorKind::kInvalidArgument, flag + ": empty row");
    if (!rows.empty() && ids.size() != rows[0].size())
      throw Error(ErrorKind::kInvalidArgument, flag + ": rows differ in length (left-pad them and pass --attention-mask)");
    rows.push_back(ids);
  }
  if (rows.empty()) throw Error(ErrorKind::kInvalidArgument, flag + ": no ids given");
  std::vector<std::int64_t> flat;
  for (const auto& r : rows) flat.insert(flat.end(), r.begin(), r.end());
  return Tensor::from_vector<std::int64_t>({static_cast<std::int64_t>(rows.size()), static_cast<std::int64_t>(rows[0].size())}, flat);
}

}  // namespace autoclass::cli
