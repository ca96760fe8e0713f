// Task commands on text: fill-mask, classify, embed.
#include <algorithm>
#include <cmath>
#include <iostream>

#include "cli/commands.h"
#include "runtime/auto/auto_model.h"
#include "runtime/auto/model_files.h"
#include "runtime/auto/pretrained_tokenizer.h"
#include "runtime/config/auto_config.h"

namespace autoclass::cli {
namespace {

TensorMap encode_inputs(const AutoTokenizer& tok, const std::string& text) {
  const Encoding e = tok.encode(text, true);
  const auto n = static_cast<std::int64_t>(e.ids.size());
  TensorMap in{{"input_ids", Tensor::from_vector<std::int64_t>({1, n}, e.ids)},
               {"attention_mask", Tensor::from_vector<std::int64_t>({1, n}, e.attention_mask)}};
  if (!e.type_ids.empty()) in["token_type_ids"] = Tensor::from_vector<std::int64_t>({1, n}, e.type_ids);
  return in;
}

std::vector<double> softmax(const float* p, std::int64_t n) {
  const float mx = *std::max_element(p, p + n);
  std::vector<double> out(static_cast<std::size_t>(n));
  double sum = 0;
  for (std::int64_t i = 0; i < n; ++i) sum += out[i] = std::exp(static_cast<double>(p[i]) - mx);
  for (auto& v : out) v /= sum;
  return out;
}

int run_fill_mask(const Args& args) {
  args.expect_positionals(2, 2);
  const std::string model_path = args.positional(0, "MODEL"), text = args.positional(1, "TEXT with a mask token");
  const auto dir = resolve_pretrained(model_path, model_files(), LoadOptions{});
  const AutoTokenizer tok = load_pretrained_tokenizer(dir.string());
  std::optional<std::int64_t> mask_id;
  for (const char* m : {"[MASK]", "<mask>"})
    if (!mask_id && text.find(m) != std::string::npos) mask_id = tok.token_to_id(m);
  if (!mask_id) throw UsageError("TEXT must contain the model's mask token ([MASK] or <mask>)");
  const TensorMap in = encode_inputs(tok, text);
  auto model = auto_model::from_pretrained("AutoModelForMaskedLM", dir.string(), LoadOptions{});
  const Tensor logits = model->forward(in).at("logits");
  const auto& ids = in.at("input_ids");
  const std::int64_t vocab = logits.dim(-1);
  const auto top_k = args.int_value("--top-k", 5);
  Json out = Json::array();
  for (std::int64_t pos = 0; pos < ids.dim(1); ++pos) {
    if (ids.data<std::int64_t>()[pos] != *mask_id) continue;
    const auto probs = softmax(logits.data<float>() + pos * vocab, vocab);
    std::vector<std::int64_t> order(static_cast<std::size_t>(vocab));
    for (std::int64_t i = 0; i < vocab; ++i) order[i] = i;
    const auto k = std::min<std::int64_t>(top_k, vocab);
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](auto a, auto b) { return probs[a] > probs[b]; });
    for (std::int64_t i = 0; i < k; ++i)
      out.push_back({{"position", pos}, {"token", order[i]}, {"token_str", tok.decode({order[i]})}, {"score", probs[order[i]]}});
  }
  if (args.has("--json")) {
    std::cout << json_line(out) << "\n";
  } else {
    for (const auto& r : out)
      std::cout << r["score"].get<double>() << "\t" << r["token_str"].get<std::string>() << "\n";
  }
  return 0;
}

int run_classify(const Args& args) {
  args.expect_positionals(2, 2);
  const std::string model_path = args.positional(0, "MODEL"), text = args.positional(1, "TEXT");
  const auto dir = resolve_pretrained(model_path, model_files(), LoadOptions{});
  const auto config = AutoConfig::from_pretrained(dir);
  const AutoTokenizer tok = load_pretrained_tokenizer(dir.string());
  auto model = auto_model::from_pretrained("AutoModelForSequenceClassification", dir.string(), LoadOptions{});
  const Tensor logits = model->forward(encode_inputs(tok, text)).at("logits");
  const std::int64_t n = logits.dim(-1);
  std::vector<double> scores;
  const bool multi = config->problem_type && *config->problem_type == "multi_label_classification";
  if (multi) {
    for (std::int64_t i = 0; i < n; ++i) scores.push_back(1.0 / (1.0 + std::exp(-logits.data<float>()[i])));
  } else {
    scores = softmax(logits.data<float>(), n);
  }
  Json out = Json::array();
  for (std::int64_t i = 0; i < n; ++i) {
    const auto it = config->id2label.find(std::to_string(i));
    const bool named = it != config->id2label.end() && it->is_string();
    out.push_back({{"label", named ? it->get<std::string>() : "LABEL_" + std::to_string(i)}, {"score", scores[i]}});
  }
  std::sort(out.begin(), out.end(), [](const Json& a, const Json& b) { return a["score"] > b["score"]; });
  if (args.has("--json")) std::cout << json_line(out) << "\n";
  else
    for (const auto& r : out) std::cout << r["score"].get<double>() << "\t" << r["label"].get<std::string>() << "\n";
  return 0;
}

int run_embed(const Args& args) {
  args.expect_positionals(2, 2);
  const std::string model_path = args.positional(0, "MODEL"), text = args.positional(1, "TEXT");
  const std::string pooling = args.value_or("--pooling", "mean");
  if (pooling != "mean" && pooling != "cls") throw UsageError("--pooling must be mean or cls");
  const auto dir = resolve_pretrained(model_path, model_files(), LoadOptions{});
  const AutoTokenizer tok = load_pretrained_tokenizer(dir.string());
  const TensorMap in = encode_inputs(tok, text);
  auto model = auto_model::from_pretrained("AutoModel", dir.string(), LoadOptions{});
  const Tensor h = model->forward(in).at("last_hidden_state");
  const std::int64_t seq = h.dim(1), dim = h.dim(2);
  std::vector<double> v(static_cast<std::size_t>(dim), 0.0);
  if (pooling == "cls") {
    for (std::int64_t d = 0; d < dim; ++d) v[d] = h.data<float>()[d];
  } else {
    for (std::int64_t s = 0; s < seq; ++s)
      for (std::int64_t d = 0; d < dim; ++d) v[d] += h.data<float>()[s * dim + d] / static_cast<double>(seq);
  }
  if (args.has("--normalize")) {
    double norm = 0;
    for (double x : v) norm += x * x;
    norm = std::sqrt(norm);
    if (norm > 0)
      for (double& x : v) x /= norm;
  }
  std::cout << json_line(Json{{"embedding", v}, {"pooling", pooling}, {"dim", dim}}) << "\n";
  return 0;
}

}  // namespace

Command fill_mask_command() {
  return {{"fill-mask", "autoclass fill-mask MODEL \"text with [MASK]\" [--top-k K] [--json]",
           "Predict the masked token(s) with AutoModelForMaskedLM.",
           {{"--top-k", true, "predictions per mask (default 5)"}, {"--json", false, "machine-readable output"}}},
          run_fill_mask};
}
Command classify_command() {
  return {{"classify", "autoclass classify MODEL TEXT [--json]",
           "Classify text with AutoModelForSequenceClassification (labels from id2label).",
           {{"--json", false, "machine-readable output"}}},
          run_classify};
}
Command embed_command() {
  return {{"embed", "autoclass embed MODEL TEXT [--pooling mean|cls] [--normalize]",
           "Sentence embedding from AutoModel's last_hidden_state.",
           {{"--pooling", true, "mean (default) or cls"}, {"--normalize", false, "L2-normalise the vector"}}},
          run_embed};
}

}  // namespace autoclass::cli
