// HF fidelity of the gpt2 family: gpt2 (tied head), gpt2_sharded (4 shards + index), gpt2_seqcls (pooling
// on the last non-pad token, hidden_states_0); greedy ids and left-padded batch generation.
#include <catch2/catch.hpp>

#include "models/gpt2/gpt2_family.h"
#include "runtime/core/error.h"
#include "runtime/generation/generate.h"
#include "tests/generation/support/decoder_fixture.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using autoclass::test::DecoderFixture;

namespace {
Json options() { return test::kernel_options_for("gpt2", Json::object()); }
}  // namespace

TEST_CASE("gpt2 family matches HF reference tensors", "[gpt2][fidelity]") {
  for (const char* name : {"gpt2", "gpt2_sharded"}) {
    DYNAMIC_SECTION(name) {
      DecoderFixture f(name);
      LoadReport report;
      auto causal = f.build(&models::gpt2::create, "GPT2LMHeadModel", options(), &report);
      CHECK(report.missing.empty());
      CHECK(report.unexpected.empty());
      auto base = f.build(&models::gpt2::create, "GPT2Model", options());
      CHECK(test::check_reference_tensors(f, {{"AutoModelForCausalLM", causal.get()}, {"AutoModel", base.get()}}) >= 3);
    }
  }
  SECTION("gpt2_seqcls") {
    DecoderFixture f("gpt2_seqcls");
    LoadReport report;
    auto cls = f.build(&models::gpt2::create, "GPT2ForSequenceClassification", options(), &report);
    CHECK(report.missing.empty());
    CHECK(report.unexpected.empty());
    auto base = f.build(&models::gpt2::create, "GPT2Model", options());
    CHECK(test::check_reference_tensors(f, {{"AutoModelForSequenceClassification", cls.get()}, {"AutoModel", base.get()}}) == 4);
  }
}

TEST_CASE("gpt2 family greedy continuation and left-padded batches", "[gpt2][generate]") {
  for (const char* name : {"gpt2", "gpt2_sharded"}) {
    DYNAMIC_SECTION(name) {
      DecoderFixture f(name);
      auto model = f.build(&models::gpt2::create, "GPT2LMHeadModel", options());
      auto& lm = dynamic_cast<CausalLM&>(*model);
      test::check_greedy(f, lm);
      // GPT-2 has absolute positions: this holds only because generate() numbers positions per row
      // (cumsum of the mask), as HF's generate does.
      test::check_leftpad_batch_matches_rows(f, lm, 12);
    }
  }
}

TEST_CASE("gpt2 family errors", "[gpt2][errors]") {
  DecoderFixture f("gpt2");
  CHECK_THROWS_AS(f.build(&models::gpt2::create, "GPT2DoubleHeadsModel", options()), Error);
  auto model = f.build(&models::gpt2::create, "GPT2LMHeadModel", options());
  // n_positions is 64: position 64 has no embedding.
  TensorMap in{{"input_ids", Tensor::from_vector<std::int64_t>({1, 1}, {5})},
               {"position_ids", Tensor::from_vector<std::int64_t>({1, 1}, {64})}};
  CHECK_THROWS_WITH(model->forward(in), Catch::Contains("wpe.weight"));
}
