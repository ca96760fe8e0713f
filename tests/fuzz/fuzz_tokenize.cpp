// libFuzzer target: arbitrary bytes as text for real tokenizers of every model kind (BPE byte-level, BPE
// with byte fallback, WordPiece, Unigram). Invalid UTF-8 must be refused with autoclass::Error; valid text
// must encode with every token's offsets inside the input, and decode without error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/tokenizer/pipeline.h"

#ifndef AUTOCLASS_FIXTURES_DIR
#error "AUTOCLASS_FIXTURES_DIR must name tests/fixtures"
#endif

namespace {
const std::vector<autoclass::tok::Pipeline>& pipelines() {
  static const std::vector<autoclass::tok::Pipeline> all = [] {
    std::vector<autoclass::tok::Pipeline> v;
    for (const char* name : {"gpt2", "llama2", "bert-base-uncased", "t5-small", "gemma3", "qwen3"})
      v.push_back(autoclass::tok::Pipeline::from_file(std::string(AUTOCLASS_FIXTURES_DIR "/tokenizers/") + name +
                                                      "/tokenizer.json"));
    return v;
  }();
  return all;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace autoclass;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const tok::Pipeline& p : pipelines()) {
    Encoding e;
    try {
      e = p.encode(text, std::nullopt, true);
    } catch (const Error&) {
      continue;  // invalid UTF-8
    }
    for (const auto& [begin, end] : e.offsets)
      if (begin > end || end > size) {
        std::fprintf(stderr, "offsets [%zu, %zu) outside an input of %zu bytes\n", begin, end, size);
        std::abort();
      }
    (void)p.decode(e.ids, true);
  }
  return 0;
}
