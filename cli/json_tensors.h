// Nested JSON lists ↔ tensors, for `autoclass forward --inputs inputs.json`.
#pragma once

#include <string>

#include "runtime/core/json_io.h"
#include "runtime/core/tensor.h"

namespace autoclass::cli {

// [[1, 2], [3, 4]] → I64 [2, 2]; any non-integer number makes it F32. Ragged lists, non-numbers and
// empty dimensions are errors naming `name`.
Tensor tensor_from_nested_json(const Json& value, const std::string& name);
// Parses "1,2,3" (one row) or "1,2,3;4,5,6" (rows) into an I64 tensor [rows, cols].
Tensor int_rows_from_text(const std::string& text, const std::string& flag);

}  // namespace autoclass::cli
