// T5 kernel family against HF on tests/fixtures/models/t5 (relu FFN, tied head) and t5_gated (gated-gelu, untied).
#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>

#include "models/t5/t5_family.h"
#include "models/t5/t5_relative_position.h"
#include "runtime/generation/seq2seq_processors.h"
#include "runtime/core/error.h"
#include "runtime/safetensors/safetensors.h"
#include "tests/models/t5/seq2seq_fixture_checks.h"
#include "tests/support/fixtures.h"

using namespace autoclass;

TEST_CASE("t5 fixture (relu FFN, tied lm_head with d_model^-0.5)") {
  test::check_seq2seq_fixture("t5", "T5ForConditionalGeneration", "T5Model", models::t5::create);
}

TEST_CASE("t5_gated fixture (gated-gelu FFN, untied lm_head)") {
  test::check_seq2seq_fixture("t5_gated", "T5ForConditionalGeneration", "T5Model", models::t5::create);
}

TEST_CASE("T5EncoderModel returns the encoder output") {
  auto f = test::load_fixture("t5", "T5EncoderModel", models::t5::create);
  const Json expected = parse_json_file(f->dir + "/expected.json");
  TensorMap inputs{{"input_ids", test::int_tensor_from_json(expected["inputs"]["input_ids"])},
                   {"attention_mask", test::int_tensor_from_json(expected["inputs"]["attention_mask"])}};
  SafetensorsFile reference(f->dir + "/expected.safetensors");
  const TensorMap out = f->model->forward(inputs);
  CHECK(test::max_abs_diff(out.at("last_hidden_state"), reference.get("encoder_last_hidden_state")) <= 1e-4);
  CHECK(f->report.unexpected.empty());
  inputs["decoder_input_ids"] = Tensor::from_vector<std::int64_t>({1, 1}, {0});
  CHECK_THROWS_WITH(f->model->forward(inputs), Catch::Contains("encoder only"));
}

TEST_CASE("relative position buckets follow HF's formula") {
  using models::t5::relative_position_bucket;
  // bidirectional, 32 buckets, max_distance 128: 16 per direction, exact below 8.
  CHECK(relative_position_bucket(0, true, 32, 128) == 0);
  CHECK(relative_position_bucket(-3, true, 32, 128) == 3);
  CHECK(relative_position_bucket(3, true, 32, 128) == 19);
  CHECK(relative_position_bucket(-8, true, 32, 128) == 8);
  CHECK(relative_position_bucket(-20, true, 32, 128) == 10);  // 8 + int(log(2.5)/log(16)·8) = 8 + 2
  CHECK(relative_position_bucket(-1000, true, 32, 128) == 15);
  CHECK(relative_position_bucket(1000, true, 32, 128) == 31);
  // causal: future keys share bucket 0, the past is exact below 16.
  CHECK(relative_position_bucket(5, false, 32, 128) == 0);
  CHECK(relative_position_bucket(-15, false, 32, 128) == 15);
  CHECK(relative_position_bucket(-64, false, 32, 128) == 16 + 10);  // int(log(4)/log(8)·16) = 10
  CHECK(relative_position_bucket(-500, false, 32, 128) == 31);
}

TEST_CASE("bad inputs and architectures are clear errors") {
  auto f = test::load_fixture("t5", "T5ForConditionalGeneration", models::t5::create);
  TensorMap only_encoder{{"input_ids", Tensor::from_vector<std::int64_t>({1, 3}, {1, 2, 3})}};
  CHECK_THROWS_WITH(f->model->forward(only_encoder), Catch::Contains("decoder_input_ids"));
  TensorMap bad_id{{"input_ids", Tensor::from_vector<std::int64_t>({1, 2}, {1, 5000})},
                   {"decoder_input_ids", Tensor::from_vector<std::int64_t>({1, 1}, {0})}};
  CHECK_THROWS_WITH(f->model->forward(bad_id), Catch::Contains("5000"));
  TensorMap unknown{{"pixel_values", Tensor(DType::kF32, {1, 3})}};
  CHECK_THROWS_WITH(f->model->forward(unknown), Catch::Contains("pixel_values"));
  CHECK_THROWS_WITH(test::load_fixture("t5", "T5ForQuestionAnswering", models::t5::create), Catch::Contains("T5ForQuestionAnswering"));
}

TEST_CASE("no_repeat_ngram_size bans the tokens that would repeat an n-gram, as HF") {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> scores(10, 0.0f);
  const std::vector<std::int64_t> tokens{0, 5, 6, 5, 7, 5};
  apply_no_repeat_ngram(scores, tokens, 2);  // last token 5 was followed by 6 and 7
  CHECK(scores[6] == -inf);
  CHECK(scores[7] == -inf);
  CHECK(scores[5] == 0.0f);
  std::vector<float> tri(10, 0.0f);
  apply_no_repeat_ngram(tri, tokens, 3);  // (7, 5) never seen before: nothing banned
  CHECK(std::count(tri.begin(), tri.end(), -inf) == 0);
  std::vector<float> uni(10, 0.0f);
  apply_no_repeat_ngram(uni, tokens, 1);  // every seen token
  CHECK(std::count(uni.begin(), uni.end(), -inf) == 4);
  std::vector<float> short_seq(10, 0.0f);
  apply_no_repeat_ngram(short_seq, std::vector<std::int64_t>{3}, 3);
  CHECK(std::count(short_seq.begin(), short_seq.end(), -inf) == 0);
}
