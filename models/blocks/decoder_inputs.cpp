#include "models/blocks/decoder_inputs.h"

#include <algorithm>

#include "runtime/core/error.h"

namespace autoclass::blocks {
namespace {

std::vector<std::int64_t> as_ids(const Tensor& t, const std::string& what, const std::string& cls, std::int64_t b, std::int64_t n) {
  if (t.ndim() != 2 || t.dim(0) != b || t.dim(1) != n)
    throw Error(ErrorKind::kInvalidArgument, cls + ".forward: " + what + " has shape " + shape_string(t.shape()) +
                                                 ", expected [" + std::to_string(b) + ", " + std::to_string(n) + "]");
  if (t.dtype() == DType::kF32 || t.dtype() == DType::kF16 || t.dtype() == DType::kBF16 || t.dtype() == DType::kF64)
    throw Error(ErrorKind::kInvalidArgument, cls + ".forward: " + what + " must be an integer tensor");
  const Tensor i = t.to(DType::kI64);
  return {i.data<std::int64_t>(), i.data<std::int64_t>() + i.numel()};
}

}  // namespace

CausalInputs parse_causal_inputs(const TensorMap& inputs, const std::string& class_name,
                                 const std::vector<std::string>& also_allowed) {
  for (const auto& [name, t] : inputs) {
    const bool known = name == "input_ids" || name == "attention_mask" || name == "position_ids" ||
                       std::find(also_allowed.begin(), also_allowed.end(), name) != also_allowed.end();
    if (!known)
      throw Error(ErrorKind::kInvalidArgument, class_name + ".forward: unknown input '" + name +
                                                   "' (accepted: input_ids, attention_mask, position_ids)");
  }
  const auto ids = inputs.find("input_ids");
  if (ids == inputs.end()) throw Error(ErrorKind::kInvalidArgument, class_name + ".forward: input_ids is required");
  if (ids->second.ndim() != 2 || ids->second.dim(0) < 1 || ids->second.dim(1) < 1)
    throw Error(ErrorKind::kInvalidArgument, class_name + ".forward: input_ids must be [batch, sequence] and non-empty, got " +
                                                 shape_string(ids->second.shape()));
  CausalInputs in;
  in.batch = ids->second.dim(0);
  in.length = ids->second.dim(1);
  in.input_ids = as_ids(ids->second, "input_ids", class_name, in.batch, in.length);
  in.valid.assign(static_cast<std::size_t>(in.batch * in.length), 1);
  if (auto m = inputs.find("attention_mask"); m != inputs.end()) {
    const auto mask = as_ids(m->second, "attention_mask", class_name, in.batch, in.length);
    for (std::size_t i = 0; i < mask.size(); ++i) in.valid[i] = mask[i] != 0;
  }
  if (auto p = inputs.find("position_ids"); p != inputs.end()) {
    in.position_ids = as_ids(p->second, "position_ids", class_name, in.batch, in.length);
    for (auto v : in.position_ids)
      if (v < 0) throw Error(ErrorKind::kInvalidArgument, class_name + ".forward: position_ids must be ≥ 0");
  } else {
    in.position_ids.resize(in.input_ids.size());
    for (std::int64_t b = 0; b < in.batch; ++b)
      for (std::int64_t t = 0; t < in.length; ++t) in.position_ids[b * in.length + t] = t;
  }
  return in;
}

}  // namespace autoclass::blocks
