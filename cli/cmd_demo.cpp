// autoclass demo [MODEL]: the README's main job on the tiny model shipped in the repo — shows how a
// model resolves, tokenizes a prompt, and generates a continuation; then how to run a Hub model.
#include <iostream>

#include "cli/commands.h"
#include "runtime/config/auto_config.h"
#include "runtime/config/registry.h"

namespace autoclass::cli {
namespace {

int run_step(const std::string& name, const std::vector<std::string>& argv) {
  std::cout << "\n$ autoclass " << name;
  for (const auto& a : argv) std::cout << " " << (a.find(' ') != std::string::npos ? "\"" + a + "\"" : a);
  std::cout << "\n" << std::flush;
  for (const auto& c : commands())
    if (c.spec.name == name) return c.run(Args(c.spec, argv));
  return 1;
}

int run_demo(const Args& args) {
  args.expect_positionals(0, 1);
  const std::string causal = args.positionals().empty() ? std::string(AUTOCLASS_DEMO_MODELS "/gpt2") : args.positionals()[0];
  const std::string masked = AUTOCLASS_DEMO_MODELS "/bert_mlm";
  std::cout << "autoclass: HF Transformers' Auto classes in C++ — demo on the tiny models shipped in tests/fixtures\n";
  int rc = run_step("info", {causal});
  const std::string prompt = "The licenses for most software are designed";
  rc |= run_step("tokenize", {causal, prompt});
  rc |= run_step("generate", {causal, "--prompt", prompt, "--max-new-tokens", "16"});
  if (const ModelTypeRow* bert = find_model_type("bert"); bert && bert->compiled_in())
    rc |= run_step("fill-mask", {masked, "The software is [MASK] to use.", "--top-k", "3"});
  std::cout << "\nThese tiny models have random weights, so the text is noise; the numbers match HF transformers.\n"
            << "Run a real model from the Hub (downloads once into the huggingface_hub cache):\n"
            << "  autoclass generate openai-community/gpt2 --prompt \"Hello, my dog is\" --max-new-tokens 20\n"
            << "  autoclass fill-mask google-bert/bert-base-uncased \"Paris is the [MASK] of France.\"\n"
            << "More: autoclass --help, autoclass list\n";
  return rc;
}

}  // namespace

Command demo_command() {
  return {{"demo", "autoclass demo [MODEL]",
           "Show resolution, tokenization and generation on the tiny model shipped in the repo (or MODEL).", {}},
          run_demo};
}

}  // namespace autoclass::cli
