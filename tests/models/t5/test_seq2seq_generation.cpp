// Beam search and greedy decoding on a toy encoder–decoder whose next-token distribution depends only on
// the last token, so HF's BeamSearchScorer outcome can be worked out by hand (tokens: 0 start/pad,
// 1 eos, 2 "a", 3 "b").
//   after 0: eos .55, a .40, b .05    after a: a .90, eos .06, b .04    after b: b .50, eos .30, a .20
#include <catch2/catch.hpp>

#include <cmath>

#include "runtime/core/error.h"
#include "runtime/generation/beam_search.h"
#include "runtime/generation/seq2seq_generate.h"

using namespace autoclass;

namespace {

class ToyState : public Seq2SeqState {
 public:
  explicit ToyState(std::int64_t batch) : last(static_cast<std::size_t>(batch), -1) {}
  std::int64_t batch() const override { return static_cast<std::int64_t>(last.size()); }
  std::int64_t decoded_length() const override { return length; }
  void select_rows(std::span<const std::int64_t> rows) override {
    std::vector<std::int64_t> next;
    for (std::int64_t r : rows) next.push_back(last[static_cast<std::size_t>(r)]);
    last = next;
  }
  std::vector<std::int64_t> last;
  std::int64_t length = 0;
};

class ToyModel : public Seq2SeqLM {
 public:
  std::string class_name() const override { return "Toy"; }
  TensorMap forward(const TensorMap&) override { throw Error(ErrorKind::kUnsupported, "toy"); }
  std::int64_t vocab_size() const override { return 4; }
  std::unique_ptr<Seq2SeqState> encode(const Tensor& input_ids, const Tensor&) override {
    return std::make_unique<ToyState>(input_ids.dim(0));
  }
  Tensor decode(Seq2SeqState& state, std::span<const std::int64_t> ids, std::int64_t n, bool) override {
    auto& s = static_cast<ToyState&>(state);
    Tensor logits(DType::kF32, {s.batch(), 4});
    for (std::int64_t b = 0; b < s.batch(); ++b) {
      const std::int64_t last = ids[static_cast<std::size_t>(b * n + n - 1)];
      s.last[static_cast<std::size_t>(b)] = last;
      const float* p = last == 2 ? kAfterA : last == 3 ? kAfterB : kAfterStart;
      for (int v = 0; v < 4; ++v) logits.data_mut<float>()[b * 4 + v] = p[v] > 0 ? std::log(p[v]) : -1e30f;
    }
    s.length += n;
    return logits;
  }

 private:
  static constexpr float kAfterStart[4] = {0, 0.55f, 0.40f, 0.05f};
  static constexpr float kAfterA[4] = {0, 0.06f, 0.90f, 0.04f};
  static constexpr float kAfterB[4] = {0, 0.30f, 0.20f, 0.50f};
};

GenerationConfig toy_config() {
  GenerationConfig c;
  c.max_new_tokens = 4;
  c.eos_token_ids = {1};
  c.pad_token_id = 0;
  c.decoder_start_token_id = 0;
  return c;
}

std::vector<std::int64_t> row(const Tensor& t, std::int64_t r = 0) {
  const std::int64_t w = t.dim(1);
  return {t.data<std::int64_t>() + r * w, t.data<std::int64_t>() + (r + 1) * w};
}

const Tensor kSource = Tensor::from_vector<std::int64_t>({1, 1}, {5});

}  // namespace

TEST_CASE("beam search, length_penalty 1, no early stopping: the long hypothesis wins") {
  ToyModel model;
  BeamSearchOptions o;
  o.num_beams = 2;
  const auto r = beam_search(model, kSource, Tensor(), toy_config(), o);
  CHECK(row(r.sequences) == std::vector<std::int64_t>{0, 2, 2, 2, 2});
  // (ln .4 + 3 ln .9) / 4
  CHECK(r.sequence_scores[0] == Approx((std::log(0.4) + 3 * std::log(0.9)) / 4).epsilon(1e-5));
}

TEST_CASE("beam search, early_stopping: stops at num_beams finished hypotheses") {
  ToyModel model;
  BeamSearchOptions o;
  o.num_beams = 2;
  o.early_stopping = true;
  const auto r = beam_search(model, kSource, Tensor(), toy_config(), o);
  CHECK(row(r.sequences) == std::vector<std::int64_t>{0, 1});  // [start] + eos, scored ln .55 / 1
  CHECK(r.sequence_scores[0] == Approx(std::log(0.55)).epsilon(1e-5));
}

TEST_CASE("beam search, length_penalty 0: raw log-probabilities favour the immediate eos") {
  ToyModel model;
  BeamSearchOptions o;
  o.num_beams = 2;
  o.length_penalty = 0.0;
  const auto r = beam_search(model, kSource, Tensor(), toy_config(), o);
  CHECK(row(r.sequences) == std::vector<std::int64_t>{0, 1});
}

TEST_CASE("a batch mixes a finished short row (eos then pad) with a long one") {
  ToyModel model;
  GenerationConfig c = toy_config();
  // Greedy: after start eos (.55) wins at once; HF then pads finished rows.
  const Tensor two = Tensor::from_vector<std::int64_t>({2, 1}, {5, 6});
  CHECK(row(greedy_seq2seq(model, two, Tensor(), c), 1) == std::vector<std::int64_t>{0, 1});
  c.eos_token_ids.clear();  // without an eos id, token 1 is an ordinary token: argmax runs to max_new_tokens
  CHECK(row(greedy_seq2seq(model, kSource, Tensor(), c)) == std::vector<std::int64_t>{0, 1, 1, 1, 1});
  BeamSearchOptions o;
  o.num_beams = 2;
  const auto r = beam_search(model, two, Tensor(), toy_config(), o);
  CHECK(row(r.sequences, 0) == std::vector<std::int64_t>{0, 2, 2, 2, 2});
  CHECK(row(r.sequences, 1) == std::vector<std::int64_t>{0, 2, 2, 2, 2});
}

TEST_CASE("generate_seq2seq dispatches on num_beams and needs a decoder start") {
  ToyModel model;
  GenerationConfig c = toy_config();
  c.num_beams = 2;
  CHECK(row(generate_seq2seq(model, kSource, Tensor(), c)) == std::vector<std::int64_t>{0, 2, 2, 2, 2});
  c.num_beams = 1;
  CHECK(row(generate_seq2seq(model, kSource, Tensor(), c)) == std::vector<std::int64_t>{0, 1});
  c.decoder_start_token_id.reset();
  c.bos_token_id.reset();
  CHECK_THROWS_WITH(generate_seq2seq(model, kSource, Tensor(), c), Catch::Contains("decoder_start_token_id"));
  c.bos_token_id = 3;  // HF falls back to bos_token_id
  CHECK(row(generate_seq2seq(model, kSource, Tensor(), c)).front() == 3);
}
