// generate(), GenerationConfig and the logits processors, on a scripted CausalLM whose next-token
// scores are known, so EOS stopping, pad filling, streaming, penalties and sampling can be checked exactly.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "runtime/core/error.h"
#include "runtime/generation/generate.h"
#include "runtime/generation/logits_processors.h"
#include "tests/support/fixtures.h"

using namespace autoclass;

namespace {

// Vocabulary of 8; the next token after t is (t + 1) % 8 with score 5, token 7 (used as EOS) scores 1,
// the rest 0. Records every step it was asked for.
class CountingLM : public CausalLM {
 public:
  struct Cache : DecodeCache {
    std::int64_t rows, len = 0;
    explicit Cache(std::int64_t b) : rows(b) {}
    std::int64_t batch() const override { return rows; }
    std::int64_t length() const override { return len; }
  };
  std::vector<std::vector<std::int64_t>> positions_seen;  // per step, [batch·n]
  std::string class_name() const override { return "CountingLM"; }
  TensorMap forward(const TensorMap&) override { throw Error("not used"); }
  std::int64_t vocab_size() const override { return 8; }
  std::unique_ptr<DecodeCache> new_cache(std::int64_t batch, std::int64_t) const override {
    return std::make_unique<Cache>(batch);
  }
  Tensor step(DecodeCache& c, const DecodeStep& s) override {
    auto& cache = static_cast<Cache&>(c);
    cache.len += s.n;
    positions_seen.emplace_back(s.position_ids, s.position_ids + cache.rows * s.n);
    Tensor logits(DType::kF32, {cache.rows, 8});
    for (std::int64_t b = 0; b < cache.rows; ++b) {
      const std::int64_t last = s.input_ids[b * s.n + s.n - 1];
      float* row = logits.data_mut<float>() + b * 8;
      row[7] = 1.0f;
      row[(last + 1) % 8] = 5.0f;
    }
    return logits;
  }
};

Tensor ids(std::vector<std::int64_t> v, std::int64_t rows = 1) {
  const std::int64_t n = static_cast<std::int64_t>(v.size()) / rows;
  return Tensor::from_vector<std::int64_t>({rows, n}, v);
}

std::vector<std::int64_t> row(const Tensor& t, std::int64_t r) {
  return {t.data<std::int64_t>() + r * t.dim(1), t.data<std::int64_t>() + (r + 1) * t.dim(1)};
}

}  // namespace

TEST_CASE("generate: greedy, EOS stop, pad after finishing, streaming", "[generation]") {
  CountingLM lm;
  GenerationConfig g;
  g.max_new_tokens = 6;
  g.eos_token_ids = {7};
  g.pad_token_id = 0;
  SECTION("a single row stops at EOS") {
    const Tensor out = generate(lm, ids({4}), Tensor(), g);
    CHECK(row(out, 0) == std::vector<std::int64_t>{4, 5, 6, 7});
  }
  SECTION("rows finishing at different steps; finished rows get pad; positions follow the mask") {
    std::vector<std::pair<std::int64_t, std::int64_t>> streamed;
    GenerateOptions opt;
    opt.on_token = [&](std::int64_t r, std::int64_t t) { streamed.emplace_back(r, t); return true; };
    // row 1 is left-padded by one
    const Tensor out = generate(lm, ids({1, 5, 0, 2}, 2), ids({1, 1, 0, 1}, 2), g, opt);
    CHECK(row(out, 0) == std::vector<std::int64_t>{1, 5, 6, 7, 0, 0, 0});
    CHECK(row(out, 1) == std::vector<std::int64_t>{0, 2, 3, 4, 5, 6, 7});
    CHECK(lm.positions_seen[0] == std::vector<std::int64_t>{0, 1, 1, 0});  // cumsum(mask)-1, pads → 1
    CHECK(lm.positions_seen[1] == std::vector<std::int64_t>{2, 1});
    CHECK(streamed.size() == 2 + 5);  // the finishing EOS is streamed, pads are not
    CHECK(streamed.front() == std::pair<std::int64_t, std::int64_t>{0, 6});
  }
  SECTION("without a mask, pad tokens (pad ≠ eos) are masked as HF infers") {
    GenerationConfig p = g;
    p.pad_token_id = 5;
    generate(lm, ids({5, 1, 2, 3}, 2), Tensor(), p);
    CHECK(lm.positions_seen[0] == std::vector<std::int64_t>{1, 0, 0, 1});
  }
  SECTION("the callback can stop generation") {
    GenerateOptions opt;
    opt.on_token = [](std::int64_t, std::int64_t t) { return t != 2; };
    CHECK(row(generate(lm, ids({0}), Tensor(), g, opt), 0) == std::vector<std::int64_t>{0, 1, 2});
  }
  SECTION("extra stop ids, min_new_tokens and max_length") {
    GenerateOptions opt;
    opt.stop_token_ids = {3};
    CHECK(row(generate(lm, ids({1}), Tensor(), g, opt), 0) == std::vector<std::int64_t>{1, 2, 3});
    GenerationConfig m = g;
    m.min_new_tokens = 5;  // EOS is -inf for the first 5 steps: after 6 the argmax falls to id 0
    CHECK(row(generate(lm, ids({5}), Tensor(), m), 0) == std::vector<std::int64_t>{5, 6, 0, 1, 2, 3, 4});
    GenerationConfig l;
    l.max_length = 4;  // max_new_tokens unset: prompt + new ≤ 4
    CHECK(row(generate(lm, ids({0, 1}), Tensor(), l), 0) == std::vector<std::int64_t>{0, 1, 2, 3});
  }
  SECTION("without pad_token_id finished rows are filled with the first EOS id") {
    GenerationConfig n = g;
    n.pad_token_id.reset();
    const Tensor out = generate(lm, ids({6, 3}, 2), Tensor(), n);
    CHECK(row(out, 0) == std::vector<std::int64_t>{6, 7, 7, 7, 7});  // until row 1 ends: 3 → 4 5 6 7
    CHECK(row(out, 1) == std::vector<std::int64_t>{3, 4, 5, 6, 7});
  }
  SECTION("bad inputs") {
    CHECK_THROWS_WITH(generate(lm, ids({9}), Tensor(), g), Catch::Contains("outside the vocabulary"));
    CHECK_THROWS_WITH(generate(lm, ids({1, 2}), ids({1}), g), Catch::Contains("attention_mask"));
    GenerationConfig beams = g;
    beams.num_beams = 4;
    CHECK_THROWS_AS(generate(lm, ids({1}), Tensor(), beams), Error);
  }
}

TEST_CASE("min_new_tokens suppresses EOS while it would win", "[generation]") {
  // A model whose best next token is always EOS (7).
  struct EosLM : CountingLM {
    Tensor step(DecodeCache& c, const DecodeStep& s) override {
      Tensor t = CountingLM::step(c, s);
      for (std::int64_t b = 0; b < c.batch(); ++b) t.data_mut<float>()[b * 8 + 7] = 9.0f;
      return t;
    }
  } lm;
  GenerationConfig g;
  g.max_new_tokens = 5;
  g.eos_token_ids = {7};
  g.min_new_tokens = 2;
  CHECK(row(generate(lm, ids({1}), Tensor(), g), 0) == std::vector<std::int64_t>{1, 2, 3, 7});
}

TEST_CASE("sampling is reproducible per seed and respects top_k", "[generation]") {
  CountingLM lm;
  GenerationConfig g;
  g.max_new_tokens = 20;
  g.do_sample = true;
  g.temperature = 3.0;  // flat enough that several tokens get drawn
  g.seed = 42;
  const Tensor a = generate(lm, ids({0}), Tensor(), g);
  const Tensor b = generate(lm, ids({0}), Tensor(), g);
  CHECK(row(a, 0) == row(b, 0));
  g.top_k = 1;  // top-1 sampling is greedy
  CHECK(row(generate(lm, ids({0}), Tensor(), g), 0) ==
        std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4});
}

TEST_CASE("logits processors follow HF's formulas", "[generation]") {
  SECTION("repetition penalty divides positive, multiplies negative scores, once per id") {
    std::vector<float> s{2.0f, -2.0f, 1.0f};
    const std::vector<std::int64_t> prev{0, 1, 0};
    apply_repetition_penalty(s, prev, 2.0);
    CHECK(s == std::vector<float>{1.0f, -4.0f, 1.0f});
  }
  SECTION("top_k keeps ties with the k-th score") {
    std::vector<float> s{1, 3, 3, 2};
    apply_top_k(s, 2);
    CHECK(std::isinf(s[0]));
    CHECK(std::isinf(s[3]));
    CHECK(s[1] == 3);
    CHECK(s[2] == 3);
  }
  SECTION("top_p keeps the smallest top set reaching p") {
    // probabilities 0.5, 0.3, 0.2 (as logs)
    std::vector<float> s{std::log(0.5f), std::log(0.3f), std::log(0.2f)};
    apply_top_p(s, 0.75);
    CHECK(!std::isinf(s[0]));
    CHECK(!std::isinf(s[1]));
    CHECK(std::isinf(s[2]));
    std::vector<float> t{std::log(0.5f), std::log(0.3f), std::log(0.2f)};
    apply_top_p(t, 0.4);
    CHECK(!std::isinf(t[0]));
    CHECK(std::isinf(t[1]));
  }
  SECTION("temperature divides") {
    std::vector<float> s{2, 4};
    apply_temperature(s, 2.0);
    CHECK(s == std::vector<float>{1, 2});
  }
}

TEST_CASE("GenerationConfig: generation_config.json, model-config fallback, errors", "[generation]") {
  const JsonConfigView qwen2(parse_json_file(test::fixture("models/qwen2/config.json")));
  const auto g = GenerationConfig::from_pretrained(test::fixture("models/qwen2"), qwen2);
  CHECK(g.eos_token_ids == std::vector<std::int64_t>{2});
  CHECK(g.pad_token_id == 0);
  CHECK(g.max_length == 20);
  CHECK_FALSE(g.do_sample);
  CHECK(g.new_tokens_for(5) == 15);

  test::TempDir none;  // no generation_config.json: from the model config
  const JsonConfigView cfg(Json{{"model_type", "llama"}, {"eos_token_id", Json::array({2, 7})}, {"bos_token_id", 1}});
  const auto h = GenerationConfig::from_pretrained(none.path(), cfg);
  CHECK(h.eos_token_ids == std::vector<std::int64_t>{2, 7});
  CHECK(h.bos_token_id == 1);
  CHECK_FALSE(h.pad_token_id.has_value());

  const Json sampled{{"do_sample", true}, {"temperature", 0.7}, {"top_k", 20}, {"top_p", 0.8},
                     {"repetition_penalty", 1.1}, {"max_new_tokens", 64}, {"eos_token_id", Json::array({151645, 151643})}};
  const auto s = GenerationConfig::from_json(sampled, "generation_config.json");
  CHECK(s.do_sample);
  CHECK(s.top_k == 20);
  CHECK(s.new_tokens_for(1000) == 64);
  CHECK(s.eos_token_ids.size() == 2);

  CHECK_THROWS_WITH(GenerationConfig::from_json(Json{{"top_k", "many"}}, "gc.json"),
                    Catch::Contains("gc.json") && Catch::Contains("/top_k"));
  CHECK_THROWS_WITH(GenerationConfig::from_json(Json{{"do_sample", true}, {"temperature", 0.0}}, "gc.json"),
                    Catch::Contains("temperature"));
  CHECK_THROWS_WITH(GenerationConfig::from_json(Json{{"top_p", 1.5}}, "gc.json"), Catch::Contains("top_p"));
}
