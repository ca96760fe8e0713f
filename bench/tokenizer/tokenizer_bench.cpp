// Encodes a corpus (JSON array of document strings) with AutoTokenizer, one thread then batched over
// N threads, and prints one JSON line per mode: tokens, bytes, best-of-R seconds.
// Usage: tokenizer_bench <tokenizer_dir> <corpus.json> [threads=2] [repeats=2]
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

#include "runtime/core/error.h"
#include "runtime/core/json_io.h"
#include "runtime/tokenizer/auto_tokenizer.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <tokenizer_dir> <corpus.json> [threads=2] [repeats=2]\n", argv[0]);
    return 2;
  }
  try {
    const int threads = argc > 3 ? std::stoi(argv[3]) : 2;
    const int repeats = argc > 4 ? std::stoi(argv[4]) : 2;
    const auto t_load = std::chrono::steady_clock::now();
    const autoclass::AutoTokenizer tok = autoclass::AutoTokenizer::from_pretrained(argv[1]);
    const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_load).count();
    const std::vector<std::string> docs = autoclass::parse_json_file(argv[2]).get<std::vector<std::string>>();
    std::size_t bytes = 0;
    for (const auto& d : docs) bytes += d.size();

    // Wall time and process CPU time (all threads); best of `repeats` for each.
    struct Timing { std::size_t tokens = 0; double wall = 1e30, cpu = 1e30; };
    auto cpu_now = [] {
      timespec ts;
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
      return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
    };
    auto timed = [&](auto&& run) {
      Timing t;
      for (int r = 0; r < repeats; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_now();
        t.tokens = run();
        t.cpu = std::min(t.cpu, cpu_now() - c0);
        t.wall = std::min(t.wall, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      }
      return t;
    };
    const auto single = timed([&] {
      std::size_t n = 0;
      for (const auto& d : docs) n += tok.encode(d, true).size();
      return n;
    });
    autoclass::BatchOptions opt;
    opt.num_threads = threads;
    const auto batched = timed([&] {
      std::size_t n = 0;
      for (const auto& row : tok.encode_batch(docs, opt).rows) n += row.size();
      return n;
    });
    std::printf("{\"engine\": \"autoclass (C++)\", \"mode\": \"1 thread\", \"tokens\": %zu, \"bytes\": %zu, \"seconds\": %.6f, \"cpu_seconds\": %.6f, \"load_seconds\": %.4f}\n",
                single.tokens, bytes, single.wall, single.cpu, load_s);
    std::printf("{\"engine\": \"autoclass (C++)\", \"mode\": \"batch, %d threads\", \"tokens\": %zu, \"bytes\": %zu, \"seconds\": %.6f, \"cpu_seconds\": %.6f, \"load_seconds\": %.4f}\n",
                threads, batched.tokens, bytes, batched.wall, batched.cpu, load_s);
  } catch (const autoclass::Error& e) {
    std::fprintf(stderr, "tokenizer_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
