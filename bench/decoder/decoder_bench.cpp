// Decoder speed: one model shape at one weight precision and thread count, random weights (from_config).
//   bench_decoder <gpt2|llama1b> <f32|bf16> <threads> [prompt=128] [decode=32]
// Prints one JSON line: prefill and decode tokens/s, weight bytes read per decoded token, the measured
// copy bandwidth and the decode bound it implies (bandwidth ÷ bytes per token).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "models/gpt2/gpt2_family.h"
#include "models/llama/llama_family.h"
#include "runtime/generation/causal_lm.h"
#include "runtime/kernels/linear.h"
#include "runtime/kernels/thread_pool.h"

using namespace autoclass;

namespace {

double now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
// CPU seconds of the whole process: on a shared, oversubscribed machine wall time mostly measures the
// other tenants, so rates are also reported per CPU-second (÷ threads), i.e. as if the cores were ours.
double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct Timing {
  double wall = 1e30, cpu = 1e30;
  void keep_best(double w, double c) {
    wall = std::min(wall, w);
    cpu = std::min(cpu, c);
  }
};

// STREAM-style copy bandwidth (bytes read + written per second) over `threads` threads, best of 5.
Timing copy_bandwidth(int threads, std::size_t& bytes) {
  const std::size_t n = std::size_t(256) << 20;
  bytes = 2 * n;
  std::vector<char> src(n, 1), dst(n, 0);
  Timing best;
  for (int rep = 0; rep < 5; ++rep) {
    const double t0 = now(), c0 = cpu_now();
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        const std::size_t a = n * t / threads, b = n * (t + 1) / threads;
        std::memcpy(dst.data() + a, src.data() + a, b - a);
      });
    for (auto& th : pool) th.join();
    best.keep_best(now() - t0, (cpu_now() - c0) / threads);
  }
  return best;
}

struct BenchShape {
  Json config;
  double linear_params;  // parameters of every matrix read per decoded token (lm_head included)
};

BenchShape shape_of(const std::string& name, bool bf16) {
  BenchShape s;
  if (name == "gpt2") {
    s.config = {{"model_type", "gpt2"}, {"vocab_size", 50257}, {"n_embd", 768}, {"n_layer", 12}, {"n_head", 12},
                {"n_positions", 1024}, {"activation_function", "gelu_new"}};
    const double h = 768, L = 12, V = 50257;
    s.linear_params = L * (h * 3 * h + h * h + 2 * h * 4 * h) + V * h;
  } else if (name == "llama1b") {
    s.config = {{"model_type", "llama"}, {"vocab_size", 32000}, {"hidden_size", 2048}, {"num_hidden_layers", 16},
                {"num_attention_heads", 32}, {"num_key_value_heads", 8}, {"intermediate_size", 8192},
                {"max_position_embeddings", 2048}, {"rope_theta", 10000.0}, {"rms_norm_eps", 1e-5},
                {"tie_word_embeddings", false}};
    const double h = 2048, L = 16, V = 32000, kv = 8 * 64, ff = 8192;
    s.linear_params = L * (h * (h + 2 * kv) + h * h + 3 * h * ff) + V * h;
  } else {
    std::fprintf(stderr, "unknown model %s (gpt2 | llama1b)\n", name.c_str());
    std::exit(2);
  }
  s.config["torch_dtype"] = bf16 ? "bfloat16" : "float32";
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_decoder <gpt2|llama1b> <f32|bf16> <threads> [prompt=128] [decode=32]\n");
    return 2;
  }
  const std::string model_name = argv[1], precision = argv[2];
  const int threads = std::atoi(argv[3]);
  const std::int64_t prompt = argc > 4 ? std::atoll(argv[4]) : 128;
  const std::int64_t decode = argc > 5 ? std::atoll(argv[5]) : 32;
  kernels::set_num_threads(threads);
  const BenchShape shape = shape_of(model_name, precision == "bf16");
  const JsonConfigView config(shape.config);
  const std::string arch = model_name == "gpt2" ? "GPT2LMHeadModel" : "LlamaForCausalLM";
  ModelRequest request{config, arch, "AutoModelForCausalLM", Json::object(), nullptr, 1, nullptr};
  const double t_load = now();
  auto model = model_name == "gpt2" ? models::gpt2::create(request) : models::llama::create(request);
  const double load_s = now() - t_load;
  auto& lm = dynamic_cast<CausalLM&>(*model);

  std::vector<std::int64_t> ids(static_cast<std::size_t>(prompt)), pos(ids.size());
  std::vector<std::uint8_t> valid(ids.size(), 1);
  for (std::int64_t i = 0; i < prompt; ++i) {
    ids[i] = (i * 7919 + 13) % 1000;
    pos[i] = i;
  }
  // Warm-up (first-touch of buffers, thread pool start), then the measured runs.
  {
    auto cache = lm.new_cache(1, prompt + decode);
    lm.step(*cache, DecodeStep{ids.data(), pos.data(), valid.data(), std::min<std::int64_t>(prompt, 16), false});
  }
  Timing prefill_t, decode_t;
  for (int rep = 0; rep < 3; ++rep) {
    auto cache = lm.new_cache(1, prompt + decode);
    double t0 = now(), c0 = cpu_now();
    Tensor logits = lm.step(*cache, DecodeStep{ids.data(), pos.data(), valid.data(), prompt, false});
    prefill_t.keep_best(now() - t0, (cpu_now() - c0) / threads);
    std::int64_t token = 0, position = prompt;
    t0 = now();
    c0 = cpu_now();
    for (std::int64_t i = 0; i < decode; ++i) {
      const float* l = logits.data<float>();
      token = std::max_element(l, l + lm.vocab_size()) - l;
      logits = lm.step(*cache, DecodeStep{&token, &position, valid.data(), 1, false});
      ++position;
    }
    decode_t.keep_best(now() - t0, (cpu_now() - c0) / threads);
  }
  const double bytes_per_token = shape.linear_params * (precision == "bf16" ? 2.0 : 4.0);
  std::size_t copied = 0;
  const Timing bw = copy_bandwidth(threads, copied);
  std::printf(
      "{\"impl\": \"autoclass\", \"model\": \"%s\", \"precision\": \"%s\", \"threads\": %d, \"prompt\": %lld, "
      "\"prefill_tok_s\": %.2f, \"decode_tok_s\": %.3f, \"prefill_tok_cpu_s\": %.2f, \"decode_tok_cpu_s\": %.3f, "
      "\"weight_bytes_per_token\": %.0f, \"copy_bw_GBs\": %.2f, \"copy_bw_cpu_GBs\": %.2f, "
      "\"decode_bound_tok_s\": %.3f, \"decode_bound_tok_cpu_s\": %.3f, \"load_s\": %.1f, \"backend\": \"%s\"}\n",
      model_name.c_str(), precision.c_str(), threads, static_cast<long long>(prompt), prompt / prefill_t.wall,
      decode / decode_t.wall, prompt / prefill_t.cpu, decode / decode_t.cpu, bytes_per_token, copied / bw.wall / 1e9,
      copied / bw.cpu / 1e9, copied / bw.wall / bytes_per_token, copied / bw.cpu / bytes_per_token, load_s,
      kernels::backend_name());
  return 0;
}
