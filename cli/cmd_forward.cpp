// autoclass forward MODEL --auto-class X --inputs inputs.json --out out.safetensors
// autoclass bench MODEL --auto-class X --batch B --seq S [--new-tokens N] [--threads T] [--runs R] [--json]
#include <algorithm>
#include <chrono>
#include <iostream>
#include <random>

#include "cli/commands.h"
#include "cli/json_tensors.h"
#include "runtime/auto/auto_model.h"
#include "runtime/config/auto_config.h"
#include "runtime/auto/model_files.h"
#include "runtime/generation/causal_lm.h"
#include "runtime/generation/seq2seq.h"
#include "runtime/kernels/linear.h"
#include "runtime/safetensors/writer.h"

namespace autoclass::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::unique_ptr<Model> load(const std::string& model, const std::string& auto_class) {
  return auto_model::from_pretrained(auto_class, model, LoadOptions{});
}

int run_forward(const Args& args) {
  args.expect_positionals(1, 1);
  const std::string model_path = args.positional(0, "MODEL");
  const auto auto_class = resolve_auto_class(args.value_or("--auto-class", "AutoModel"));
  const auto inputs_file = args.value("--inputs");
  const auto out_file = args.value("--out");
  if (!inputs_file) throw UsageError("--inputs inputs.json is required");
  if (!out_file) throw UsageError("--out out.safetensors is required");
  const Json inputs_json = parse_json_file(*inputs_file);
  if (!inputs_json.is_object()) throw Error(ErrorKind::kInvalidArgument, *inputs_file + ": expected an object of name -> nested list");
  TensorMap inputs;
  for (auto it = inputs_json.begin(); it != inputs_json.end(); ++it)
    inputs[it.key()] = tensor_from_nested_json(it.value(), *inputs_file + ": /" + it.key());
  auto model = load(model_path, auto_class);
  const TensorMap outputs = model->forward(inputs);
  TensorMap f32;
  Json summary = Json::object();
  for (const auto& [name, t] : outputs) {
    f32[name] = t.to(DType::kF32);
    summary[name] = t.shape();
  }
  save_safetensors(*out_file, f32);
  std::cout << json_line(Json{{"model_class", model->class_name()}, {"outputs", summary}}) << "\n";
  return 0;
}

Json stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const double median = v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
  return Json{{"median", median}, {"min", v.front()}, {"max", v.back()}};
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::int64_t argmax_row(const float* p, std::int64_t n) { return std::max_element(p, p + n) - p; }

int run_bench(const Args& args) {
  args.expect_positionals(1, 1);
  const std::string model_path = args.positional(0, "MODEL");
  const auto auto_class = resolve_auto_class(args.value_or("--auto-class", "AutoModel"));
  const std::int64_t batch = args.int_value("--batch", 1), seq = args.int_value("--seq", 128);
  const std::int64_t new_tokens = args.int_value("--new-tokens", 0);
  const int runs = static_cast<int>(args.int_value("--runs", 5));
  if (batch < 1 || seq < 1 || runs < 1 || new_tokens < 0) throw UsageError("--batch, --seq and --runs must be >= 1");
  if (args.has("--threads")) kernels::set_num_threads(static_cast<int>(args.int_value("--threads", 1)));

  const auto dir = resolve_pretrained(model_path, model_files(), LoadOptions{});
  const auto config = AutoConfig::from_pretrained(dir);
  auto model = load(dir.string(), auto_class);
  const std::int64_t vocab = config->get_int("vocab_size", 1000);
  std::mt19937_64 rng(0);
  std::uniform_int_distribution<std::int64_t> token(0, std::max<std::int64_t>(vocab - 1, 0));
  std::vector<std::int64_t> ids(static_cast<std::size_t>(batch * seq));
  for (auto& v : ids) v = token(rng);
  const Tensor input_ids = Tensor::from_vector<std::int64_t>({batch, seq}, ids);
  const Tensor mask = Tensor::from_vector<std::int64_t>({batch, seq}, std::vector<std::int64_t>(ids.size(), 1));
  TensorMap inputs{{"input_ids", input_ids}, {"attention_mask", mask}};
  auto* seq2seq = dynamic_cast<Seq2SeqLM*>(model.get());
  if (seq2seq) inputs["decoder_input_ids"] = input_ids;

  std::vector<double> forward_ms;
  model->forward(inputs);  // warm-up
  for (int r = 0; r < runs; ++r) {
    const auto t0 = Clock::now();
    model->forward(inputs);
    forward_ms.push_back(1e3 * seconds_since(t0));
  }
  Json out{{"model_class", model->class_name()}, {"batch", batch}, {"seq", seq}, {"threads", kernels::num_threads()},
           {"forward_ms", stats(forward_ms)}};

  if (new_tokens > 0) {
    std::vector<double> prefill, decode;
    auto* causal = dynamic_cast<CausalLM*>(model.get());
    if (!causal && !seq2seq)
      throw Error(ErrorKind::kInvalidArgument, "--new-tokens needs a causal or seq2seq LM; " + model->class_name() + " is neither");
    for (int r = 0; r <= runs; ++r) {  // run 0 is the warm-up
      std::vector<std::int64_t> next(static_cast<std::size_t>(batch));
      double p = 0, d = 0;
      if (causal) {
        auto cache = causal->new_cache(batch, seq + new_tokens);
        std::vector<std::int64_t> pos(ids.size());
        std::vector<std::uint8_t> valid(ids.size(), 1);
        for (std::int64_t b = 0; b < batch; ++b)
          for (std::int64_t s = 0; s < seq; ++s) pos[b * seq + s] = s;
        auto t0 = Clock::now();
        Tensor logits = causal->step(*cache, DecodeStep{ids.data(), pos.data(), valid.data(), seq, false});
        p = seconds_since(t0);
        t0 = Clock::now();
        std::vector<std::int64_t> step_pos(static_cast<std::size_t>(batch));
        std::vector<std::uint8_t> step_valid(static_cast<std::size_t>(batch), 1);
        for (std::int64_t i = 0; i < new_tokens; ++i) {
          const std::int64_t v = logits.dim(-1);
          for (std::int64_t b = 0; b < batch; ++b) {
            next[b] = argmax_row(logits.data<float>() + b * v, v);
            step_pos[b] = seq + i;
          }
          logits = causal->step(*cache, DecodeStep{next.data(), step_pos.data(), step_valid.data(), 1, false});
        }
        d = seconds_since(t0);
      } else {
        auto t0 = Clock::now();
        auto state = seq2seq->encode(input_ids, mask);
        p = seconds_since(t0);
        const std::int64_t start = config->get_int("decoder_start_token_id", 0);
        std::fill(next.begin(), next.end(), start);
        t0 = Clock::now();
        for (std::int64_t i = 0; i < new_tokens; ++i) {
          Tensor logits = seq2seq->decode(*state, next, 1);
          const std::int64_t v = logits.dim(-1);
          for (std::int64_t b = 0; b < batch; ++b) next[b] = argmax_row(logits.data<float>() + b * v, v);
        }
        d = seconds_since(t0);
      }
      if (r == 0) continue;
      prefill.push_back(static_cast<double>(batch * seq) / p);
      decode.push_back(static_cast<double>(batch * new_tokens) / d);
    }
    out["new_tokens"] = new_tokens;
    out["prefill_tokens_per_s"] = stats(prefill);
    out["decode_tokens_per_s"] = stats(decode);
  }
  if (args.has("--json")) {
    std::cout << json_line(out) << "\n";
    return 0;
  }
  std::cout << out["model_class"].get<std::string>() << "  batch " << batch << "  seq " << seq << "  threads "
            << kernels::num_threads() << "\n"
            << "forward: median " << out["forward_ms"]["median"].get<double>() << " ms (min "
            << out["forward_ms"]["min"].get<double>() << ", max " << out["forward_ms"]["max"].get<double>() << ")\n";
  if (new_tokens > 0)
    std::cout << "prefill: " << out["prefill_tokens_per_s"]["median"].get<double>() << " tokens/s\n"
              << "decode:  " << out["decode_tokens_per_s"]["median"].get<double>() << " tokens/s\n";
  return 0;
}

}  // namespace

Command forward_command() {
  return {{"forward", "autoclass forward MODEL --auto-class AUTO_CLASS --inputs inputs.json --out out.safetensors",
           "Run one forward pass on HF forward kwargs (nested int/float lists) and write every output as F32.",
           {{"--auto-class", true, "e.g. AutoModelForMaskedLM (default AutoModel)"},
            {"--inputs", true, "JSON object: input_ids, attention_mask, token_type_ids, position_ids, decoder_input_ids, pixel_values ..."},
            {"--out", true, "safetensors file for the outputs (logits, last_hidden_state, ...)"}}},
          run_forward};
}

Command bench_command() {
  return {{"bench", "autoclass bench MODEL --auto-class AUTO_CLASS --batch B --seq S [--new-tokens N] [--threads T] [--runs R] [--json]",
           "Time forward passes (and prefill / decode with --new-tokens) on random ids after a warm-up.",
           {{"--auto-class", true, "e.g. AutoModelForCausalLM (default AutoModel)"},
            {"--batch", true, "rows (default 1)"},
            {"--seq", true, "tokens per row (default 128)"},
            {"--new-tokens", true, "also time prefill + N greedy decode steps (causal / seq2seq models)"},
            {"--threads", true, "kernel threads (default: AUTOCLASS_NUM_THREADS or all cores)"},
            {"--runs", true, "timed runs after the warm-up (default 5)"},
            {"--json", false, "machine-readable output"}}},
          run_bench};
}

}  // namespace autoclass::cli
