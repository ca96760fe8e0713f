// libFuzzer target: arbitrary bytes as tokenizer.json (the fast vocab/merges scanner, then every component
// factory). Must either throw autoclass::Error or give a pipeline that encodes and decodes a few texts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "runtime/core/error.h"
#include "runtime/tokenizer/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace autoclass;
  const std::string text(reinterpret_cast<const char*>(data), size);
  tok::Pipeline pipeline;
  try {
    pipeline = tok::Pipeline::from_text(text, "fuzz/tokenizer.json");
  } catch (const Error&) {
    return 0;
  }
  for (const char* sample : {"Hello world! ", "  héllo\tWORLD 123 \xe4\xb8\xad\xe6\x96\x87 <s> [MASK]", ""}) {
    try {
      const Encoding e = pipeline.encode(sample, std::string_view("a pair"), true);
      (void)pipeline.decode(e.ids, true);
      (void)pipeline.decode(e.ids, false);
    } catch (const Error&) {
      // A component may refuse an input it cannot represent (e.g. no unk token); that is an answer.
    }
  }
  (void)pipeline.decode({0, 1, 2, -1, 1 << 30}, false);
  (void)pipeline.vocab_size(true);
  return 0;
}
