#include "tests/models/bert/bert_fixture_model.h"

#include <filesystem>

#include "models/bert/bert_family.h"
#include "runtime/core/error.h"
#include "tests/support/fixtures.h"

namespace autoclass::test {

Json bert_kernel_options(const std::string& model_type) {
  const auto schema = source_dir() / "schemas" / (model_type + ".json");
  if (std::filesystem::exists(schema)) {
    const Json s = parse_json_file(schema);
    if (s.contains("kernel") && s["kernel"].is_object() && s["kernel"].value("family", "") == "bert")
      return s["kernel"].value("options", Json::object());
  }
  if (model_type == "bert") return Json::object();
  if (model_type == "roberta" || model_type == "xlm-roberta")
    return {{"prefix", "roberta"}, {"head_style", "roberta"}, {"positions_from_padding_idx", true}};
  if (model_type == "distilbert") return {{"prefix", "distilbert"}, {"layout", "distilbert"}};
  if (model_type == "electra")
    return {{"prefix", "electra"}, {"head_style", "electra"}, {"embedding_projection", true}, {"pooler", false}};
  throw Error(ErrorKind::kInvalidArgument, "no bert kernel options for model type " + model_type);
}

LoadedBert load_bert_fixture(const std::string& fixture_name, const std::string& architecture, bool with_weights,
                             std::uint64_t seed) {
  const auto dir = fixture("models/" + fixture_name);
  LoadedBert l;
  l.config = std::make_unique<JsonConfigView>(parse_json_file(dir / "config.json"));
  if (with_weights) l.weights = std::make_unique<SafetensorsFile>(dir / "model.safetensors");
  ModelRequest req{*l.config, architecture, "", bert_kernel_options(l.config->model_type()), l.weights.get(), seed,
                   &l.report};
  l.model = models::bert::create(req);
  return l;
}

TensorMap run_for_expected(Model& model, const Json& expected, const std::string& tensor) {
  TensorMap inputs;
  for (const auto& [arg, key] : expected["tensors"][tensor]["inputs"].items()) {
    const std::string k = key.get<std::string>();
    const std::string text_prefix = "text_logits.";
    const Json& src = k.rfind(text_prefix, 0) == 0 ? expected["text_logits"][k.substr(text_prefix.size())]
                                                   : expected["inputs"][k];
    inputs[arg] = int_tensor_from_json(src);
  }
  return model.forward(inputs);
}

}  // namespace autoclass::test
