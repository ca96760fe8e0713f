// Latency of a BERT-base-shaped BertModel forward (12 layers, hidden 768, 12 heads, FFN 3072).
// Usage: bench_bert [--weights model.safetensors] [--threads N] [--batch B] [--seq S] [--iters K]
// Without --weights the model is built from config with seeded random weights (from_config).
// Prints one line: "autoclass threads=N batch=B seq=S median_ms=... min_ms=... cpu_ms=... gflops=..." (gflops at min_ms)
// With --check-out FILE it also writes last_hidden_state of the all-ones input as raw float32.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "models/bert/bert_family.h"
#include "runtime/core/error.h"
#include "runtime/kernels/linear.h"
#include "runtime/safetensors/safetensors.h"

using namespace autoclass;

int main(int argc, char** argv) {
  std::string weights_path, check_out;
  int threads = 1, iters = 10;
  std::int64_t batch = 1, seq = 128;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i], v = argv[i + 1];
    if (a == "--weights") weights_path = v;
    else if (a == "--threads") threads = std::atoi(v.c_str());
    else if (a == "--batch") batch = std::atoll(v.c_str());
    else if (a == "--seq") seq = std::atoll(v.c_str());
    else if (a == "--iters") iters = std::atoi(v.c_str());
    else if (a == "--check-out") check_out = v;
    else {
      std::fprintf(stderr, "unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  try {
    kernels::set_num_threads(threads);
    const Json config_json = {{"model_type", "bert"}, {"vocab_size", 30522}, {"hidden_size", 768},
                              {"num_hidden_layers", 12}, {"num_attention_heads", 12}, {"intermediate_size", 3072},
                              {"hidden_act", "gelu"}, {"max_position_embeddings", 512}, {"type_vocab_size", 2},
                              {"layer_norm_eps", 1e-12}, {"initializer_range", 0.02}, {"pad_token_id", 0}};
    JsonConfigView config(config_json);
    std::unique_ptr<SafetensorsFile> weights;
    if (!weights_path.empty()) weights = std::make_unique<SafetensorsFile>(weights_path);
    LoadReport report;
    ModelRequest req{config, "BertModel", "AutoModel", Json::object(), weights.get(), 42, &report};
    auto model = models::bert::create(req);
    if (!report.missing.empty() || !report.unexpected.empty())
      std::fprintf(stderr, "%s", report.summary("BertModel", weights_path).c_str());

    // Deterministic ids (the same formula as bench/bert/reference_bench.py), no padding.
    Tensor ids(DType::kI64, {batch, seq});
    for (std::int64_t i = 0; i < batch * seq; ++i) ids.data_mut<std::int64_t>()[i] = (i * 7919 + 101) % 30522;
    const TensorMap in = {{"input_ids", ids}};
    TensorMap out = model->forward(in);  // warm-up
    std::vector<double> ms;
    const std::clock_t cpu0 = std::clock();
    for (int i = 0; i < iters; ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      out = model->forward(in);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    // Process CPU time per forward: on a shared, oversubscribed machine this tracks the uncontended
    // cost better than wall time (for one thread it *is* the uncontended latency, roughly).
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC / iters;
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    // 2·params·tokens for the 12 layers' linear layers + attention's QKᵀ and PV.
    const double tokens = static_cast<double>(batch * seq);
    const double flops = 12 * (2 * tokens * (4 * 768.0 * 768 + 2 * 768.0 * 3072) + 4 * batch * seq * seq * 768.0);
    std::printf("autoclass threads=%d batch=%lld seq=%lld median_ms=%.2f min_ms=%.2f cpu_ms=%.2f gflops=%.1f\n", threads,
                static_cast<long long>(batch), static_cast<long long>(seq), median, ms.front(), cpu_ms, flops / ms.front() / 1e6);
    if (!check_out.empty()) {
      const Tensor& h = out.at("last_hidden_state");
      std::ofstream f(check_out, std::ios::binary);
      f.write(static_cast<const char*>(h.raw()), static_cast<std::streamsize>(h.nbytes()));
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "bench_bert: %s\n", e.what());
    return 1;
  }
  return 0;
}
