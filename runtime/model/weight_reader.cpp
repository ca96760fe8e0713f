#include "runtime/model/weight_reader.h"

#include <algorithm>
#include <cstring>

#include "runtime/core/error.h"

namespace autoclass {

std::string LoadReport::summary(const std::string& class_name, const std::string& origin) const {
  std::string out;
  auto list = [](const std::vector<std::string>& names) {
    std::string s = "[";
    for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", '" : "'") + names[i] + "'";
    return s + "]";
  };
  if (!unexpected.empty())
    out += "Some weights of the model checkpoint at " + origin + " were not used when initializing " + class_name +
           ": " + list(unexpected) + "\n";
  if (!missing.empty())
    out += "Some weights of " + class_name + " were not initialized from the model checkpoint at " + origin +
           " and are newly initialized: " + list(missing) +
           "\nYou should probably TRAIN this model on a down-stream task to be able to use it for predictions and "
           "inference.\n";
  return out;
}

WeightReader::WeightReader(const ModelRequest& request, double initializer_range)
    : request_(request), initializer_range_(initializer_range), rng_(request.seed) {}

void WeightReader::set_base_model_prefix(std::string prefix, bool model_has_prefix) {
  prefix_ = std::move(prefix);
  model_has_prefix_ = model_has_prefix;
}

void WeightReader::add_rename(std::string from, std::string to) { renames_.emplace_back(std::move(from), std::move(to)); }

std::optional<std::string> WeightReader::resolve(std::string_view name) const {
  const WeightSource* w = request_.weights;
  if (!w) return std::nullopt;
  std::vector<std::string> candidates{std::string(name)};
  if (!prefix_.empty()) {
    const std::string p = prefix_ + ".";
    if (model_has_prefix_ && name.substr(0, p.size()) == p) candidates.push_back(std::string(name.substr(p.size())));
    if (!model_has_prefix_) candidates.push_back(p + std::string(name));
  }
  const std::size_t base = candidates.size();
  for (std::size_t i = 0; i < base; ++i)
    for (const auto& [from, to] : renames_) {
      const auto pos = candidates[i].find(to);
      if (pos != std::string::npos) {
        std::string alt = candidates[i];
        alt.replace(pos, to.size(), from);
        candidates.push_back(alt);
      }
    }
  for (const auto& c : candidates)
    if (w->has(c)) return c;
  return std::nullopt;
}

bool WeightReader::has(std::string_view name) const { return resolve(name).has_value(); }

Tensor WeightReader::initialise(std::string_view name, const Shape& shape, Init init, DType dtype) {
  Tensor t(DType::kF32, shape);
  float* p = t.data_mut<float>();
  const auto n = static_cast<std::size_t>(t.numel());
  switch (init) {
    case Init::kZeros: break;
    case Init::kOnes: std::fill(p, p + n, 1.0f); break;
    case Init::kNormal: {
      std::normal_distribution<float> dist(0.0f, static_cast<float>(initializer_range_));
      for (std::size_t i = 0; i < n; ++i) p[i] = dist(rng_);
      break;
    }
  }
  if (request_.report && request_.weights) request_.report->missing.emplace_back(name);
  return dtype == DType::kF32 ? t : t.to(dtype);
}

std::optional<Tensor> WeightReader::take_optional(std::string_view name, const Shape& shape, DType dtype) {
  auto found = resolve(name);
  if (!found) return std::nullopt;
  Tensor t = request_.weights->get(*found);
  if (t.shape() != shape)
    throw Error(ErrorKind::kInvalidArgument, request_.weights->origin() + ": tensor '" + *found + "' has shape " +
                                                 shape_string(t.shape()) + ", the model expects " + shape_string(shape));
  used_.insert(*found);
  return t.to(dtype);
}

Tensor WeightReader::take(std::string_view name, const Shape& shape, Init init, DType dtype) {
  if (auto t = take_optional(name, shape, dtype)) return std::move(*t);
  return initialise(name, shape, init, dtype);
}

void WeightReader::finish(const std::vector<std::string>& ignore_substrings) {
  if (!request_.report || !request_.weights) return;
  for (const auto& n : request_.weights->names()) {
    if (used_.count(n)) continue;
    bool ignored = false;
    for (const auto& s : ignore_substrings) ignored = ignored || n.find(s) != std::string::npos;
    if (!ignored) request_.report->unexpected.push_back(n);
  }
}

}  // namespace autoclass
