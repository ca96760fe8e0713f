#include "runtime/generation/logits_processors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_set>

namespace autoclass {
namespace {
constexpr float kNegInf = -std::numeric_limits<float>::infinity();
}

void suppress_eos(std::span<float> scores, const std::vector<std::int64_t>& eos_ids) {
  for (auto id : eos_ids)
    if (id >= 0 && id < static_cast<std::int64_t>(scores.size())) scores[id] = kNegInf;
}

void apply_repetition_penalty(std::span<float> scores, std::span<const std::int64_t> previous, double penalty) {
  if (penalty == 1.0) return;
  std::unordered_set<std::int64_t> seen;
  const float p = static_cast<float>(penalty);
  for (auto id : previous) {
    if (id < 0 || id >= static_cast<std::int64_t>(scores.size()) || !seen.insert(id).second) continue;
    float& s = scores[id];
    s = s < 0 ? s * p : s / p;
  }
}

void apply_temperature(std::span<float> scores, double temperature) {
  if (temperature == 1.0) return;
  const float t = static_cast<float>(temperature);
  for (float& s : scores) s /= t;
}

void apply_top_k(std::span<float> scores, std::int64_t k) {
  if (k <= 0 || k >= static_cast<std::int64_t>(scores.size())) return;
  std::vector<float> sorted(scores.begin(), scores.end());
  std::nth_element(sorted.begin(), sorted.begin() + (k - 1), sorted.end(), std::greater<float>());
  const float kth = sorted[static_cast<std::size_t>(k - 1)];
  for (float& s : scores)
    if (s < kth) s = kNegInf;
}

void apply_top_p(std::span<float> scores, double p) {
  if (p >= 1.0) return;
  const std::size_t n = scores.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // HF sorts ascending and drops the prefix whose cumulative probability is ≤ 1 - p.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
  const float mx = scores[order.back()];
  std::vector<double> prob(n);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) total += prob[i] = std::exp(static_cast<double>(scores[order[i]]) - mx);
  double cum = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {  // the top token always stays
    cum += prob[i] / total;
    if (cum <= 1.0 - p) scores[order[i]] = kNegInf;
    else break;
  }
}

std::int64_t argmax(std::span<const float> scores) {
  return static_cast<std::int64_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

std::int64_t sample(std::span<const float> scores, std::mt19937_64& rng) {
  const float mx = *std::max_element(scores.begin(), scores.end());
  std::vector<double> prob(scores.size());
  double total = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) total += prob[i] = std::exp(static_cast<double>(scores[i]) - mx);
  const double u = std::uniform_real_distribution<double>(0.0, total)(rng);
  double cum = 0;
  for (std::size_t i = 0; i < prob.size(); ++i) {
    cum += prob[i];
    if (u < cum && prob[i] > 0) return static_cast<std::int64_t>(i);
  }
  return argmax(scores);  // rounding at the very top end
}

}  // namespace autoclass
