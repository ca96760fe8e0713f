#include "tests/models/t5/seq2seq_fixture_checks.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "runtime/generation/beam_search.h"
#include "runtime/generation/generation_config.h"
#include "runtime/generation/seq2seq_generate.h"
#include "runtime/safetensors/safetensors.h"
#include "tests/support/fixtures.h"

namespace autoclass::test {
namespace {

Tensor ids_tensor(const std::vector<std::int64_t>& ids) {
  return Tensor::from_vector<std::int64_t>({1, static_cast<std::int64_t>(ids.size())}, ids);
}

std::vector<std::int64_t> row(const Tensor& t) { return {t.data<std::int64_t>(), t.data<std::int64_t>() + t.numel()}; }

// Sum of log-softmax scores of `sequence[1:]` under teacher forcing.
double sequence_logprob(Seq2SeqLM& model, const Tensor& input_ids, const std::vector<std::int64_t>& sequence) {
  auto state = model.encode(input_ids, Tensor());
  const Tensor logits = model.decode(*state, std::span(sequence).first(sequence.size() - 1),
                                     static_cast<std::int64_t>(sequence.size() - 1), true);
  const std::int64_t vocab = model.vocab_size();
  double total = 0;
  for (std::size_t t = 0; t + 1 < sequence.size(); ++t) {
    const float* s = logits.data<float>() + t * vocab;
    double m = s[0];
    for (std::int64_t v = 1; v < vocab; ++v) m = std::max(m, static_cast<double>(s[v]));
    double sum = 0;
    for (std::int64_t v = 0; v < vocab; ++v) sum += std::exp(s[v] - m);
    total += s[sequence[t + 1]] - m - std::log(sum);
  }
  return total;
}

}  // namespace

std::unique_ptr<LoadedFixture> load_fixture(const std::string& name, const std::string& architecture,
                                            const FamilyCreate& create) {
  auto f = std::make_unique<LoadedFixture>();
  f->dir = fixture("models/" + name).string();
  f->config = std::make_unique<JsonConfigView>(parse_json_file(f->dir + "/config.json"));
  f->weights = open_checkpoint(f->dir);
  ModelRequest request{*f->config, architecture, "", Json(), f->weights.get(), 0, &f->report};
  f->model = create(request);
  return f;
}

void check_seq2seq_fixture(const std::string& name, const std::string& lm_architecture,
                           const std::string& base_architecture, const FamilyCreate& create) {
  const std::string dir = fixture("models/" + name).string();
  const Json expected = parse_json_file(dir + "/expected.json");
  SafetensorsFile reference(dir + "/expected.safetensors");
  const double tol = expected["tolerance"]["abs"].get<double>();
  auto lm = load_fixture(name, lm_architecture, create);
  auto& model = dynamic_cast<Seq2SeqLM&>(*lm->model);
  INFO(lm->report.summary(lm_architecture, dir));
  CHECK(lm->report.missing.empty());
  CHECK(lm->report.unexpected.empty());

  TensorMap inputs;
  for (const char* key : {"input_ids", "attention_mask", "decoder_input_ids"})
    inputs[key] = int_tensor_from_json(expected["inputs"][key]);
  const TensorMap out = model.forward(inputs);

  SECTION("logits, encoder and decoder hidden states match HF") {
    CHECK(max_abs_diff(out.at("logits"), reference.get("logits")) <= tol);
    CHECK(max_abs_diff_masked(out.at("encoder_last_hidden_state"), reference.get("encoder_last_hidden_state"),
                              inputs["attention_mask"]) <= tol);
    CHECK(max_abs_diff(out.at("decoder_last_hidden_state"), reference.get("decoder_last_hidden_state")) <= tol);
  }

  SECTION("the base model's last_hidden_state is the decoder output") {
    auto base = load_fixture(name, base_architecture, create);
    const TensorMap b = base->model->forward(inputs);
    CHECK(max_abs_diff(b.at("last_hidden_state"), reference.get("decoder_last_hidden_state")) <= tol);
    CHECK(max_abs_diff_masked(b.at("encoder_last_hidden_state"), reference.get("encoder_last_hidden_state"),
                              inputs["attention_mask"]) <= tol);
    CHECK(b.count("logits") == 0);
  }

  SECTION("text_logits: one decoder step on tokenized text") {
    TensorMap t;
    for (const char* key : {"input_ids", "attention_mask", "decoder_input_ids"})
      t[key] = int_tensor_from_json(expected["text_logits"][key]);
    CHECK(max_abs_diff(model.forward(t).at("logits"), reference.get("text_logits")) <= tol);
  }

  SECTION("decoding token by token with the KV cache equals the full forward") {
    const auto dec = row(inputs["decoder_input_ids"]);
    auto state = model.encode(inputs["input_ids"], inputs["attention_mask"]);
    const std::int64_t vocab = model.vocab_size();
    const Tensor& full = out.at("logits");
    for (std::size_t t = 0; t < dec.size(); ++t) {
      const Tensor step = model.decode(*state, std::span(dec).subspan(t, 1), 1);
      const Tensor expected_row = Tensor::from_vector<float>(
          {1, vocab}, std::vector<float>(full.data<float>() + t * vocab, full.data<float>() + (t + 1) * vocab));
      CHECK(max_abs_diff(step, expected_row) <= tol);
    }
    CHECK(state->decoded_length() == static_cast<std::int64_t>(dec.size()));
  }

  const Json& greedy = expected["greedy"];
  const Tensor prompt = ids_tensor(greedy["input_ids"].get<std::vector<std::int64_t>>());
  GenerationConfig config = GenerationConfig::from_pretrained(dir, *lm->config);
  config.max_new_tokens = greedy["max_new_tokens"].get<std::int64_t>();
  const auto expected_ids = greedy["output_ids"].get<std::vector<std::int64_t>>();
  REQUIRE(config.decoder_start_token_id == greedy["decoder_start_token_id"].get<std::int64_t>());

  SECTION("greedy generation reproduces HF's ids from decoder_start_token_id") {
    CHECK(row(generate_seq2seq(model, prompt, Tensor(), config)) == expected_ids);
  }

  SECTION("beam search with num_beams = 1 equals greedy") {
    BeamSearchOptions beam;
    beam.num_beams = 1;
    const BeamSearchResult r = beam_search(model, prompt, Tensor(), config, beam);
    CHECK(row(r.sequences) == expected_ids);
  }

  SECTION("beam search scores are the length-penalised log-probabilities of what it returns") {
    for (const std::int64_t beams : {2, 4}) {
      BeamSearchOptions beam;
      beam.num_beams = beams;
      beam.length_penalty = 1.0;
      const BeamSearchResult r = beam_search(model, prompt, Tensor(), config, beam);
      const auto seq = row(r.sequences);
      REQUIRE(seq.front() == expected_ids.front());
      // No EOS stop happened here: every hypothesis ran to max length.
      const double logprob = sequence_logprob(model, prompt, seq);
      CHECK(std::abs(r.sequence_scores[0] - logprob / static_cast<double>(seq.size() - 1)) < 1e-3);
    }
  }

  SECTION("with as many beams as tokens, two steps of beam search find the most likely pair exactly") {
    const std::int64_t vocab = model.vocab_size();
    GenerationConfig two = config;
    two.max_new_tokens = 2;
    two.eos_token_ids.clear();
    BeamSearchOptions beam;
    beam.num_beams = vocab;
    const auto seq = row(beam_search(model, prompt, Tensor(), two, beam).sequences);
    // Exhaustive: log p(a) + log p(b | a) over every pair, from one batched decode per step.
    auto state = model.encode(prompt, Tensor());
    state->select_rows(std::vector<std::int64_t>(static_cast<std::size_t>(vocab), 0));
    const std::int64_t start = seq.front();
    const Tensor first = model.decode(*state, std::vector<std::int64_t>(static_cast<std::size_t>(vocab), start), 1);
    std::vector<std::int64_t> every(static_cast<std::size_t>(vocab));
    for (std::int64_t a = 0; a < vocab; ++a) every[static_cast<std::size_t>(a)] = a;
    const Tensor second = model.decode(*state, every, 1);
    auto log_normalizer = [&](const float* s) {  // log Σ exp(s)
      double m = s[0], sum = 0;
      for (std::int64_t v = 1; v < vocab; ++v) m = std::max(m, static_cast<double>(s[v]));
      for (std::int64_t v = 0; v < vocab; ++v) sum += std::exp(s[v] - m);
      return m + std::log(sum);
    };
    double best = -1e300;
    std::pair<std::int64_t, std::int64_t> best_pair{-1, -1};
    const double z1 = log_normalizer(first.data<float>());
    for (std::int64_t a = 0; a < vocab; ++a) {
      const double la = first.data<float>()[a] - z1;
      const float* s2 = second.data<float>() + a * vocab;
      const double z2 = log_normalizer(s2);
      for (std::int64_t b = 0; b < vocab; ++b) {
        const double score = la + (s2[b] - z2);
        if (score > best) { best = score; best_pair = {a, b}; }
      }
    }
    REQUIRE(seq.size() == 3);
    CHECK(std::pair{seq[1], seq[2]} == best_pair);
  }

  SECTION("a batch of two prompts generates what each prompt generates alone") {
    const auto other = row(inputs["input_ids"]);
    const auto first = greedy["input_ids"].get<std::vector<std::int64_t>>();
    REQUIRE(other.size() == first.size());
    std::vector<std::int64_t> both(first);
    both.insert(both.end(), other.begin(), other.end());
    const Tensor batch = Tensor::from_vector<std::int64_t>({2, static_cast<std::int64_t>(first.size())}, both);
    config.eos_token_ids.clear();  // run all rows to full length so they can be compared one to one
    const Tensor together = generate_seq2seq(model, batch, Tensor(), config);
    const auto alone = row(generate_seq2seq(model, inputs["input_ids"], Tensor(), config));
    const auto all = row(together);
    const std::size_t width = all.size() / 2;
    CHECK(std::vector<std::int64_t>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(width)) == expected_ids);
    CHECK(std::vector<std::int64_t>(all.begin() + static_cast<std::ptrdiff_t>(width), all.end()) == alone);
    BeamSearchOptions beam;
    beam.num_beams = 2;
    const auto beams_together = row(beam_search(model, batch, Tensor(), config, beam).sequences);
    const auto beams_first = row(beam_search(model, prompt, Tensor(), config, beam).sequences);
    CHECK(std::vector<std::int64_t>(beams_together.begin(), beams_together.begin() + static_cast<std::ptrdiff_t>(beams_first.size())) ==
          beams_first);
  }

  SECTION("beam search with no_repeat_ngram_size bans repeated bigrams") {
    BeamSearchOptions beam;
    beam.num_beams = 3;
    beam.no_repeat_ngram_size = 2;
    const BeamSearchResult r = beam_search(model, prompt, Tensor(), config, beam);
    const auto seq = row(r.sequences);
    std::set<std::pair<std::int64_t, std::int64_t>> seen;
    for (std::size_t i = 0; i + 1 < seq.size(); ++i) CHECK(seen.insert({seq[i], seq[i + 1]}).second);
  }
}

}  // namespace autoclass::test
