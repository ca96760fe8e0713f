#include "runtime/generation/beam_search.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "runtime/core/error.h"
#include "runtime/generation/logits_processors.h"
#include "runtime/generation/seq2seq_generate.h"
#include "runtime/generation/seq2seq_processors.h"

namespace autoclass {
namespace {

// HF's BeamHypotheses: the n best finished hypotheses of one batch row.
class Hypotheses {
 public:
  Hypotheses(std::int64_t num_beams, double length_penalty, bool early_stopping)
      : num_beams_(num_beams), length_penalty_(length_penalty), early_stopping_(early_stopping) {}

  std::int64_t size() const { return static_cast<std::int64_t>(beams_.size()); }

  void add(std::vector<std::int64_t> tokens, double sum_logprobs, std::int64_t generated_len) {
    const double score = sum_logprobs / std::pow(static_cast<double>(generated_len), length_penalty_);
    if (size() < num_beams_ || score > worst_) {
      beams_.push_back({score, std::move(tokens)});
      if (size() > num_beams_) {
        std::size_t worst_index = 0;
        for (std::size_t i = 1; i < beams_.size(); ++i)
          if (beams_[i].score < beams_[worst_index].score) worst_index = i;
        beams_.erase(beams_.begin() + static_cast<std::ptrdiff_t>(worst_index));
        worst_ = beams_[0].score;
        for (const auto& b : beams_) worst_ = std::min(worst_, b.score);
      } else {
        worst_ = std::min(score, worst_);
      }
    }
  }

  // HF is_done with early_stopping True / False (cur_len counts the decoder prompt).
  bool is_done(double best_sum_logprobs, std::int64_t cur_len, std::int64_t prompt_len) const {
    if (size() < num_beams_) return false;
    if (early_stopping_) return true;
    const double highest = best_sum_logprobs / std::pow(static_cast<double>(cur_len - prompt_len), length_penalty_);
    return worst_ >= highest;
  }

  // Best hypothesis (the last of a stable sort by score, as HF's sorted(...).pop()).
  const std::pair<double, const std::vector<std::int64_t>*> best() const {
    std::size_t best_index = 0;
    for (std::size_t i = 1; i < beams_.size(); ++i)
      if (beams_[i].score >= beams_[best_index].score) best_index = i;
    return {beams_[best_index].score, &beams_[best_index].tokens};
  }

 private:
  struct Beam {
    double score;
    std::vector<std::int64_t> tokens;
  };
  std::int64_t num_beams_;
  double length_penalty_;
  bool early_stopping_;
  double worst_ = 1e9;
  std::vector<Beam> beams_;
};

void log_softmax(std::span<float> x) {
  const float m = *std::max_element(x.begin(), x.end());
  double sum = 0;
  for (float v : x) sum += std::exp(static_cast<double>(v - m));
  const float log_sum = static_cast<float>(std::log(sum));
  for (float& v : x) v = v - m - log_sum;
}

}  // namespace

BeamSearchResult beam_search(Seq2SeqLM& model, const Tensor& input_ids, const Tensor& attention_mask,
                             const GenerationConfig& config, const BeamSearchOptions& options) {
  const std::int64_t beams = options.num_beams;
  if (beams < 1) throw Error(ErrorKind::kInvalidArgument, "num_beams must be >= 1, got " + std::to_string(beams));
  const std::int64_t start = decoder_start_token(config);
  const std::int64_t prompt_len = 1;
  const std::int64_t max_length = prompt_len + config.new_tokens_for(prompt_len);
  const auto& eos = config.eos_token_ids;
  const auto is_eos = [&](std::int64_t t) { return std::find(eos.begin(), eos.end(), t) != eos.end(); };

  auto state = model.encode(input_ids, attention_mask);
  const std::int64_t batch = state->batch();
  const std::int64_t vocab = model.vocab_size();
  {  // each row repeated num_beams times, beams of a row adjacent (HF's expand)
    std::vector<std::int64_t> rows;
    for (std::int64_t b = 0; b < batch; ++b)
      for (std::int64_t k = 0; k < beams; ++k) rows.push_back(b);
    state->select_rows(rows);
  }
  const std::int64_t rows = batch * beams;
  std::vector<std::vector<std::int64_t>> seqs(static_cast<std::size_t>(rows), std::vector<std::int64_t>{start});
  std::vector<double> beam_scores(static_cast<std::size_t>(rows), 0.0);
  for (std::int64_t b = 0; b < batch; ++b)
    for (std::int64_t k = 1; k < beams; ++k) beam_scores[static_cast<std::size_t>(b * beams + k)] = -1e9;
  std::vector<Hypotheses> hyps(static_cast<std::size_t>(batch), Hypotheses(beams, options.length_penalty, options.early_stopping));
  std::vector<std::uint8_t> done(static_cast<std::size_t>(batch), 0);
  const std::int64_t keep = std::max<std::int64_t>(2, 1 + static_cast<std::int64_t>(eos.size())) * beams;

  std::vector<std::int64_t> step(static_cast<std::size_t>(rows), start);
  std::int64_t cur_len = prompt_len;
  while (true) {
    Tensor logits = model.decode(*state, step, 1);
    float* all = logits.data_mut<float>();
    // Candidate scores per batch row over beams × vocab (float, as torch adds beam_scores in float32).
    std::vector<float> cand(static_cast<std::size_t>(beams * vocab));
    std::vector<std::int64_t> next_rows(static_cast<std::size_t>(rows)), next_tokens(static_cast<std::size_t>(rows));
    std::vector<double> next_scores(static_cast<std::size_t>(rows));
    for (std::int64_t b = 0; b < batch; ++b) {
      for (std::int64_t k = 0; k < beams; ++k) {
        const std::int64_t r = b * beams + k;
        std::span<float> scores(all + r * vocab, static_cast<std::size_t>(vocab));
        log_softmax(scores);
        const auto& seq = seqs[static_cast<std::size_t>(r)];
        if (config.repetition_penalty != 1.0) apply_repetition_penalty(scores, seq, config.repetition_penalty);
        apply_no_repeat_ngram(scores, seq, options.no_repeat_ngram_size);
        if (cur_len < config.min_length || (config.min_new_tokens && cur_len - prompt_len < *config.min_new_tokens))
          suppress_eos(scores, eos);
        for (std::int64_t v = 0; v < vocab; ++v)
          cand[static_cast<std::size_t>(k * vocab + v)] = scores[static_cast<std::size_t>(v)] + static_cast<float>(beam_scores[static_cast<std::size_t>(r)]);
      }
      if (done[static_cast<std::size_t>(b)]) {  // finished rows just pad
        for (std::int64_t k = 0; k < beams; ++k) {
          const std::int64_t r = b * beams + k;
          next_rows[static_cast<std::size_t>(r)] = b * beams;
          next_tokens[static_cast<std::size_t>(r)] = config.pad_token_id.value_or(0);
          next_scores[static_cast<std::size_t>(r)] = 0;
        }
        continue;
      }
      // top `keep` candidates, best first; ties by lower index (torch.topk leaves them unspecified).
      std::vector<std::int64_t> order(cand.size());
      std::iota(order.begin(), order.end(), 0);
      const auto n_keep = static_cast<std::ptrdiff_t>(std::min<std::size_t>(static_cast<std::size_t>(keep), cand.size()));
      std::partial_sort(order.begin(), order.begin() + n_keep, order.end(), [&](std::int64_t x, std::int64_t y) {
        const float a = cand[static_cast<std::size_t>(x)], c = cand[static_cast<std::size_t>(y)];
        return a != c ? a > c : x < y;
      });
      std::int64_t filled = 0;
      for (std::ptrdiff_t rank = 0; rank < n_keep && filled < beams; ++rank) {
        const std::int64_t flat = order[static_cast<std::size_t>(rank)];
        const std::int64_t source = b * beams + flat / vocab;
        const std::int64_t token = flat % vocab;
        const double score = cand[static_cast<std::size_t>(flat)];
        if (is_eos(token)) {
          if (rank >= beams) continue;  // an EOS outside the top num_beams is not a hypothesis
          // generated_len counts the EOS: (cur_len + 1) - prompt_len, the hypothesis itself excludes it.
          hyps[static_cast<std::size_t>(b)].add(seqs[static_cast<std::size_t>(source)], score, cur_len + 1 - prompt_len);
        } else {
          const std::int64_t r = b * beams + filled++;
          next_rows[static_cast<std::size_t>(r)] = source;
          next_tokens[static_cast<std::size_t>(r)] = token;
          next_scores[static_cast<std::size_t>(r)] = score;
        }
      }
      if (filled < beams)
        throw Error(ErrorKind::kInternal, "beam search: fewer than num_beams non-EOS candidates");
      const double best = cand[static_cast<std::size_t>(order[0])];
      done[static_cast<std::size_t>(b)] = hyps[static_cast<std::size_t>(b)].is_done(best, cur_len + 1, prompt_len);
    }
    // Reorder: new beam r continues old beam next_rows[r] with next_tokens[r].
    std::vector<std::vector<std::int64_t>> reordered(static_cast<std::size_t>(rows));
    for (std::int64_t r = 0; r < rows; ++r) {
      reordered[static_cast<std::size_t>(r)] = seqs[static_cast<std::size_t>(next_rows[static_cast<std::size_t>(r)])];
      reordered[static_cast<std::size_t>(r)].push_back(next_tokens[static_cast<std::size_t>(r)]);
      beam_scores[static_cast<std::size_t>(r)] = next_scores[static_cast<std::size_t>(r)];
    }
    seqs = std::move(reordered);
    state->select_rows(next_rows);
    step = next_tokens;
    ++cur_len;
    if (std::all_of(done.begin(), done.end(), [](std::uint8_t d) { return d != 0; }) || cur_len >= max_length) break;
  }

  // finalize: open beams of unfinished rows become hypotheses, then the best of each row.
  BeamSearchResult result;
  std::vector<const std::vector<std::int64_t>*> best(static_cast<std::size_t>(batch));
  std::int64_t longest = 0;
  for (std::int64_t b = 0; b < batch; ++b) {
    auto& h = hyps[static_cast<std::size_t>(b)];
    if (!done[static_cast<std::size_t>(b)])
      for (std::int64_t k = 0; k < beams; ++k) {
        const auto& seq = seqs[static_cast<std::size_t>(b * beams + k)];
        h.add(seq, beam_scores[static_cast<std::size_t>(b * beams + k)], static_cast<std::int64_t>(seq.size()) - prompt_len);
      }
    const auto [score, tokens] = h.best();
    best[static_cast<std::size_t>(b)] = tokens;
    result.sequence_scores.push_back(score);
    longest = std::max(longest, static_cast<std::int64_t>(tokens->size()));
  }
  // HF: room for one EOS after the longest hypothesis, capped at max_length; shorter rows get EOS then pad.
  const std::int64_t width = std::min(longest + 1, max_length);
  result.sequences = Tensor(DType::kI64, {batch, width});
  std::int64_t* out = result.sequences.data_mut<std::int64_t>();
  std::int64_t shortest = longest;
  for (const auto* t : best) shortest = std::min(shortest, static_cast<std::int64_t>(t->size()));
  const std::int64_t filler = shortest != longest ? config.pad_token_id.value_or(0) : 0;
  for (std::int64_t b = 0; b < batch; ++b) {
    const auto& t = *best[static_cast<std::size_t>(b)];
    std::int64_t* row = out + b * width;
    std::fill(row, row + width, filler);
    std::copy(t.begin(), t.end(), row);
    const auto len = static_cast<std::int64_t>(t.size());
    if (len < width) {
      if (eos.empty()) throw Error(ErrorKind::kInvalidArgument, "beam search finished a hypothesis early without eos_token_id");
      row[len] = eos.front();
    }
  }
  return result;
}

}  // namespace autoclass
