// Which precision decoder weights are kept in for the dense products: bf16 (f32 accumulation, half the
// memory traffic) when the checkpoint is bf16 (config torch_dtype "bfloat16", or, without torch_dtype,
// the checkpoint's tensors are BF16), f32 otherwise.
// AUTOCLASS_WEIGHT_PRECISION=f32|bf16|bf16dot|auto overrides it (bf16 speed on an f32 checkpoint;
// bf16dot also rounds activations to bf16 for faster prefill, at one more rounding of error).
#pragma once

#include "runtime/config/config_view.h"
#include "runtime/kernels/linear.h"
#include "runtime/model/weight_source.h"

namespace autoclass::blocks {

kernels::WeightPrecision choose_weight_precision(const ConfigView& config, const WeightSource* weights);

}  // namespace autoclass::blocks
