#include "models/blocks/weight_precision.h"

#include <cstdlib>
#include <string>

#include "runtime/core/error.h"

namespace autoclass::blocks {

kernels::WeightPrecision choose_weight_precision(const ConfigView& config, const WeightSource* weights) {
  if (const char* env = std::getenv("AUTOCLASS_WEIGHT_PRECISION"); env && *env) {
    const std::string v = env;
    if (v == "bf16" || v == "bfloat16") return kernels::WeightPrecision::kBF16;
    if (v == "bf16dot") return kernels::WeightPrecision::kBF16Dot;
    if (v == "f32" || v == "float32") return kernels::WeightPrecision::kF32;
    if (v != "auto")
      throw Error(ErrorKind::kInvalidArgument, "AUTOCLASS_WEIGHT_PRECISION must be f32, bf16, bf16dot or auto, got '" + v + "'");
  }
  auto dtype = config.find("torch_dtype");
  if (!dtype || dtype->is_null()) dtype = config.find("dtype");  // the key's name since transformers 4.56
  if (dtype && dtype->is_string()) {
    return dtype->get<std::string>() == "bfloat16" ? kernels::WeightPrecision::kBF16 : kernels::WeightPrecision::kF32;
  }
  if (weights) {
    const auto names = weights->names();
    if (!names.empty() && weights->get(names.front()).dtype() == DType::kBF16) return kernels::WeightPrecision::kBF16;
  }
  return kernels::WeightPrecision::kF32;
}

}  // namespace autoclass::blocks
