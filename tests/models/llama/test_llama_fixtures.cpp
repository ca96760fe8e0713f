// HF fidelity of the llama family on every LLaMA-like fixture: logits, leftpad_logits, last_hidden_state,
// text_logits within 1e-4; greedy continuation ids exact (KV cache); a left-padded batch through
// generate() gives each row what it gets alone.
#include <catch2/catch.hpp>

#include "models/llama/llama_family.h"
#include "runtime/generation/generate.h"
#include "tests/generation/support/decoder_fixture.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
using autoclass::test::DecoderFixture;

namespace {

struct Case {
  const char* fixture;
  const char* causal;  // HF class for AutoModelForCausalLM
  const char* base;    // for AutoModel
  Json fallback_options;
};

std::vector<Case> cases() {
  return {
      {"llama", "LlamaForCausalLM", "LlamaModel", Json::object()},
      {"llama_bf16", "LlamaForCausalLM", "LlamaModel", Json::object()},
      {"llama_rope_linear", "LlamaForCausalLM", "LlamaModel", Json::object()},
      {"llama_rope_llama3", "LlamaForCausalLM", "LlamaModel", Json::object()},
      {"mistral", "MistralForCausalLM", "MistralModel", Json{{"sliding_window", "all_layers"}}},
      {"mistral_sw4", "MistralForCausalLM", "MistralModel", Json{{"sliding_window", "all_layers"}}},
      {"qwen2", "Qwen2ForCausalLM", "Qwen2Model", Json{{"qkv_bias", true}, {"sliding_window", "qwen2"}}},
  };
}

Json options_of(const DecoderFixture& f, const Case& c) {
  return test::kernel_options_for(f.config().model_type(), c.fallback_options);
}

}  // namespace

TEST_CASE("llama family matches HF reference tensors", "[llama][fidelity]") {
  for (const Case& c : cases()) {
    DYNAMIC_SECTION(c.fixture) {
      DecoderFixture f(c.fixture);
      const Json options = options_of(f, c);
      LoadReport report;
      auto causal = f.build(&models::llama::create, c.causal, options, &report);
      CHECK(report.missing.empty());
      CHECK(report.unexpected.empty());
      LoadReport base_report;
      auto base = f.build(&models::llama::create, c.base, options, &base_report);
      CHECK(base_report.missing.empty());
      const int n = test::check_reference_tensors(f, {{"AutoModelForCausalLM", causal.get()}, {"AutoModel", base.get()}});
      CHECK(n >= 3);
    }
  }
}

TEST_CASE("llama family greedy continuation equals HF's, with KV cache", "[llama][generate]") {
  for (const Case& c : cases()) {
    DYNAMIC_SECTION(c.fixture) {
      DecoderFixture f(c.fixture);
      auto model = f.build(&models::llama::create, c.causal, options_of(f, c));
      test::check_greedy(f, dynamic_cast<CausalLM&>(*model));
    }
  }
}

TEST_CASE("llama family: a left-padded batch generates what each row generates alone", "[llama][generate]") {
  for (const Case& c : cases()) {
    DYNAMIC_SECTION(c.fixture) {
      DecoderFixture f(c.fixture);
      auto model = f.build(&models::llama::create, c.causal, options_of(f, c));
      test::check_leftpad_batch_matches_rows(f, dynamic_cast<CausalLM&>(*model), 12);
    }
  }
}
