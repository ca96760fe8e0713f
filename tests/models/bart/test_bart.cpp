// BART kernel family against HF on tests/fixtures/models/bart (learned positions offset 2, post-LN,
// tied lm_head with a non-zero final_logits_bias).
#include <catch2/catch.hpp>

#include "models/bart/bart_family.h"
#include "runtime/core/error.h"
#include "runtime/safetensors/safetensors.h"
#include "tests/models/t5/seq2seq_fixture_checks.h"
#include "tests/support/fixtures.h"

using namespace autoclass;

TEST_CASE("bart fixture") {
  test::check_seq2seq_fixture("bart", "BartForConditionalGeneration", "BartModel", models::bart::create);
}

TEST_CASE("BartModel without decoder_input_ids shifts input_ids right, as HF") {
  auto f = test::load_fixture("bart", "BartModel", models::bart::create);
  const Json expected = parse_json_file(f->dir + "/expected.json");
  const Tensor ids = test::int_tensor_from_json(expected["inputs"]["input_ids"]);
  std::vector<std::int64_t> shifted{2};  // decoder_start_token_id
  for (std::int64_t i = 0; i + 1 < ids.numel(); ++i) shifted.push_back(ids.data<std::int64_t>()[i]);
  const TensorMap implicit = f->model->forward({{"input_ids", ids}});
  const TensorMap explicit_ = f->model->forward(
      {{"input_ids", ids}, {"decoder_input_ids", Tensor::from_vector<std::int64_t>({1, ids.numel()}, shifted)}});
  CHECK(test::max_abs_diff(implicit.at("last_hidden_state"), explicit_.at("last_hidden_state")) == 0.0);
  // The head checkpoint's final_logits_bias is not part of BartModel.
  CHECK(f->report.unexpected == std::vector<std::string>{"final_logits_bias"});
}

TEST_CASE("positions beyond max_position_embeddings are a clear error") {
  auto f = test::load_fixture("bart", "BartForConditionalGeneration", models::bart::create);
  std::vector<std::int64_t> long_ids(80, 5);
  TensorMap inputs{{"input_ids", Tensor::from_vector<std::int64_t>({1, 80}, long_ids)},
                   {"decoder_input_ids", Tensor::from_vector<std::int64_t>({1, 1}, {2})}};
  CHECK_THROWS_WITH(f->model->forward(inputs), Catch::Contains("max_position_embeddings"));
  CHECK_THROWS_WITH(test::load_fixture("bart", "BartForSequenceClassification", models::bart::create),
                    Catch::Contains("BartForSequenceClassification"));
}
