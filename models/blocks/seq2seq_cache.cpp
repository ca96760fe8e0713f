#include "models/blocks/seq2seq_cache.h"

#include <algorithm>

#include "runtime/core/error.h"

namespace autoclass::blocks {

Seq2SeqCache::Seq2SeqCache(std::int64_t batch, std::int64_t source_len, std::int64_t d_model, std::int64_t layers,
                           std::int64_t inner)
    : batch_(batch), source_len_(source_len), d_model_(d_model), layers_(layers), inner_(inner),
      encoder_hidden_(static_cast<std::size_t>(batch * source_len * d_model)),
      source_valid_(static_cast<std::size_t>(batch * source_len), 1),
      cross_k_(static_cast<std::size_t>(layers * batch * source_len * inner)),
      cross_v_(cross_k_.size()),
      self_k_(static_cast<std::size_t>(layers * batch)),
      self_v_(self_k_.size()),
      target_valid_(static_cast<std::size_t>(batch)) {}

std::int64_t Seq2SeqCache::begin_step(std::int64_t n, const std::uint8_t* valid) {
  const std::int64_t first = length_;
  for (std::int64_t b = 0; b < batch_; ++b)
    for (std::int64_t t = 0; t < n; ++t) target_valid_[static_cast<std::size_t>(b)].push_back(valid ? valid[b * n + t] : 1);
  length_ += n;
  return first;
}

void Seq2SeqCache::select_rows(std::span<const std::int64_t> rows) {
  for (std::int64_t r : rows)
    if (r < 0 || r >= batch_)
      throw Error(ErrorKind::kInvalidArgument, "Seq2SeqCache::select_rows: row " + std::to_string(r) + " outside batch of " +
                                                   std::to_string(batch_));
  const auto new_batch = static_cast<std::int64_t>(rows.size());
  auto gather = [&](const std::vector<float>& src, std::int64_t groups, std::int64_t per_row) {
    std::vector<float> out(static_cast<std::size_t>(groups * new_batch * per_row));
    for (std::int64_t g = 0; g < groups; ++g)
      for (std::int64_t i = 0; i < new_batch; ++i)
        std::copy_n(src.begin() + (g * batch_ + rows[static_cast<std::size_t>(i)]) * per_row, per_row,
                    out.begin() + (g * new_batch + i) * per_row);
    return out;
  };
  encoder_hidden_ = gather(encoder_hidden_, 1, source_len_ * d_model_);
  cross_k_ = gather(cross_k_, layers_, source_len_ * inner_);
  cross_v_ = gather(cross_v_, layers_, source_len_ * inner_);
  std::vector<std::uint8_t> valid(static_cast<std::size_t>(new_batch * source_len_));
  for (std::int64_t i = 0; i < new_batch; ++i)
    std::copy_n(source_valid_.begin() + rows[static_cast<std::size_t>(i)] * source_len_, source_len_,
                valid.begin() + i * source_len_);
  source_valid_ = std::move(valid);
  std::vector<std::vector<float>> k(static_cast<std::size_t>(layers_ * new_batch)), v(k.size());
  for (std::int64_t l = 0; l < layers_; ++l)
    for (std::int64_t i = 0; i < new_batch; ++i) {
      k[static_cast<std::size_t>(l * new_batch + i)] = self_k_[static_cast<std::size_t>(l * batch_ + rows[static_cast<std::size_t>(i)])];
      v[static_cast<std::size_t>(l * new_batch + i)] = self_v_[static_cast<std::size_t>(l * batch_ + rows[static_cast<std::size_t>(i)])];
    }
  self_k_ = std::move(k);
  self_v_ = std::move(v);
  std::vector<std::vector<std::uint8_t>> tv(static_cast<std::size_t>(new_batch));
  for (std::int64_t i = 0; i < new_batch; ++i) tv[static_cast<std::size_t>(i)] = target_valid_[static_cast<std::size_t>(rows[static_cast<std::size_t>(i)])];
  target_valid_ = std::move(tv);
  batch_ = new_batch;
}

}  // namespace autoclass::blocks
