// autoclass generate MODEL (--input-ids 1,2,3 [--attention-mask 1,1,1] | --prompt TEXT) --max-new-tokens N
//                    [--do-sample --temperature T --top-k K --top-p P --seed S] [--repetition-penalty R]
//                    [--num-beams B] [--json]
// Prints {"output_ids": [[...]]} with --json (prompt + continuation, as HF generate returns; decoder
// ids starting with decoder_start_token_id for seq2seq), else streams decoded text as it comes.
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "cli/json_tensors.h"
#include "runtime/auto/auto_model.h"
#include "runtime/auto/model_files.h"
#include "runtime/auto/pretrained_tokenizer.h"
#include "runtime/config/auto_config.h"
#include "runtime/config/registry.h"
#include "runtime/generation/causal_lm.h"
#include "runtime/generation/generate.h"
#include "runtime/generation/seq2seq.h"
#include "runtime/generation/seq2seq_generate.h"

namespace autoclass::cli {
namespace {

void apply_flags(const Args& args, GenerationConfig& g) {
  if (args.has("--max-new-tokens")) g.max_new_tokens = args.int_value("--max-new-tokens", 20);
  if (args.has("--do-sample")) g.do_sample = true;
  g.temperature = args.float_value("--temperature", g.temperature);
  g.top_k = args.int_value("--top-k", g.top_k);
  g.top_p = args.float_value("--top-p", g.top_p);
  g.repetition_penalty = args.float_value("--repetition-penalty", g.repetition_penalty);
  g.num_beams = args.int_value("--num-beams", g.num_beams);
  g.seed = static_cast<std::uint64_t>(args.int_value("--seed", static_cast<long long>(g.seed)));
  g.validate();
}

Json rows_json(const Tensor& t) {
  const Tensor ids = t.to(DType::kI64);
  Json rows = Json::array();
  for (std::int64_t r = 0; r < ids.dim(0); ++r) {
    Json row = Json::array();
    for (std::int64_t c = 0; c < ids.dim(1); ++c) row.push_back(ids.data<std::int64_t>()[r * ids.dim(1) + c]);
    rows.push_back(row);
  }
  return rows;
}

int run_generate(const Args& args) {
  args.expect_positionals(1, 1);
  const std::string model_path = args.positional(0, "MODEL");
  const bool json = args.has("--json");
  const auto dir = resolve_pretrained(model_path, model_files(), LoadOptions{});
  const auto config = AutoConfig::from_pretrained(dir);
  const std::string type = config->model_type();
  std::string auto_class;
  for (const char* candidate : {"AutoModelForCausalLM", "AutoModelForSeq2SeqLM"})
    if (!auto_mapping_for(candidate, type).empty()) {
      auto_class = candidate;
      break;
    }
  if (auto_class.empty())
    throw Error(ErrorKind::kUnsupported, "model type '" + type + "' has no causal or seq2seq LM class; generate needs one");

  std::optional<AutoTokenizer> tokenizer;
  auto need_tokenizer = [&]() -> const AutoTokenizer& {
    if (!tokenizer) tokenizer = load_pretrained_tokenizer(dir.string());
    return *tokenizer;
  };
  Tensor input_ids, mask;
  if (auto ids = args.value("--input-ids")) {
    input_ids = int_rows_from_text(*ids, "--input-ids");
  } else if (auto prompt = args.value("--prompt")) {
    const Encoding e = need_tokenizer().encode(*prompt, true);
    input_ids = Tensor::from_vector<std::int64_t>({1, static_cast<std::int64_t>(e.ids.size())}, e.ids);
  } else {
    throw UsageError("give --input-ids 1,2,3 or --prompt TEXT");
  }
  if (auto m = args.value("--attention-mask")) {
    mask = int_rows_from_text(*m, "--attention-mask");
    if (mask.shape() != input_ids.shape()) throw UsageError("--attention-mask must have the shape of --input-ids");
  }
  GenerationConfig gen = GenerationConfig::from_pretrained(dir, *config);
  apply_flags(args, gen);

  auto model = auto_model::from_pretrained(auto_class, dir.string(), LoadOptions{});
  Tensor output;
  if (auto* causal = dynamic_cast<CausalLM*>(model.get())) {
    GenerateOptions opts;
    std::vector<std::int64_t> streamed;
    std::string printed;
    if (!json && input_ids.dim(0) == 1) {
      try {
        need_tokenizer();
      } catch (const Error&) {
        tokenizer.reset();  // no tokenizer: print ids instead of text
      }
      opts.on_token = [&](std::int64_t, std::int64_t id) {
        streamed.push_back(id);
        if (tokenizer) {  // decode everything so far, print what is new (HF's TextStreamer idea)
          const std::string text = tokenizer->decode(streamed, true);
          // A byte-level token can end mid-character (decoded as U+FFFD): wait for the rest.
          const bool incomplete = text.size() >= 3 && text.compare(text.size() - 3, 3, "\xEF\xBF\xBD") == 0;
          if (!incomplete && text.size() > printed.size() && text.compare(0, printed.size(), printed) == 0) {
            std::cout << text.substr(printed.size()) << std::flush;
            printed = text;
          }
        } else {
          std::cout << id << " " << std::flush;
        }
        return true;
      };
    }
    output = generate(*causal, input_ids, mask, gen, opts);
    if (!json && input_ids.dim(0) == 1) std::cout << "\n";
  } else if (auto* s2s = dynamic_cast<Seq2SeqLM*>(model.get())) {
    output = generate_seq2seq(*s2s, input_ids, mask, gen);
    if (!json) {
      const Json rows = rows_json(output);
      for (const auto& row : rows) {
        std::vector<std::int64_t> ids = row.get<std::vector<std::int64_t>>();
        try {
          std::cout << need_tokenizer().decode(ids, true) << "\n";
        } catch (const Error&) {
          std::cout << row.dump() << "\n";
        }
      }
    }
  } else {
    throw Error(ErrorKind::kInternal, model->class_name() + " does not implement generation");
  }
  if (json) std::cout << json_line(Json{{"output_ids", rows_json(output)}}) << "\n";
  return 0;
}

}  // namespace

Command generate_command() {
  return {{"generate",
           "autoclass generate MODEL (--input-ids 1,2,3 [--attention-mask 1,1,1] | --prompt TEXT) --max-new-tokens N [sampling flags] [--json]",
           "Generate a continuation (greedy by default; the model's generation_config.json gives the defaults).",
           {{"--input-ids", true, "prompt ids: 1,2,3 (rows separated by ';', left-padded)"},
            {"--attention-mask", true, "same shape as --input-ids"},
            {"--prompt", true, "prompt text, tokenized with the model's tokenizer"},
            {"--max-new-tokens", true, "tokens to generate"},
            {"--do-sample", false, "sample instead of greedy"},
            {"--temperature", true, "sampling temperature"},
            {"--top-k", true, "top-k filtering"},
            {"--top-p", true, "nucleus filtering"},
            {"--seed", true, "sampling seed"},
            {"--repetition-penalty", true, "HF repetition penalty"},
            {"--num-beams", true, "beam search (seq2seq models)"},
            {"--json", false, "print {\"output_ids\": [[...]]}"}}},
          run_generate};
}

}  // namespace autoclass::cli
