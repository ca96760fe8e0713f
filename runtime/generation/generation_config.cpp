#include "runtime/generation/generation_config.h"

#include <algorithm>

#include "runtime/core/error.h"

namespace autoclass {
namespace {

class Reader {
 public:
  Reader(const Json& json, std::string origin) : json_(json), origin_(std::move(origin)) {}

  const Json* get(const char* key) const {
    if (!json_.is_object() || !json_.contains(key) || json_[key].is_null()) return nullptr;
    return &json_[key];
  }
  [[noreturn]] void fail(const char* key, const char* expected) const {
    throw Error(ErrorKind::kInvalidArgument, origin_ + ": /" + key + ": expected " + expected + ", got " + json_[key].dump());
  }
  void integer(const char* key, std::int64_t& out) const {
    if (const Json* v = get(key)) {
      if (!v->is_number_integer()) fail(key, "an integer");
      out = v->get<std::int64_t>();
    }
  }
  void integer(const char* key, std::optional<std::int64_t>& out) const {
    if (const Json* v = get(key)) {
      if (!v->is_number_integer()) fail(key, "an integer");
      out = v->get<std::int64_t>();
    }
  }
  void number(const char* key, double& out) const {
    if (const Json* v = get(key)) {
      if (!v->is_number()) fail(key, "a number");
      out = v->get<double>();
    }
  }
  void boolean(const char* key, bool& out) const {
    if (const Json* v = get(key)) {
      if (!v->is_boolean()) fail(key, "true or false");
      out = v->get<bool>();
    }
  }
  void id_list(const char* key, std::vector<std::int64_t>& out) const {
    if (const Json* v = get(key)) {
      out.clear();
      if (v->is_number_integer()) {
        out.push_back(v->get<std::int64_t>());
      } else if (v->is_array()) {
        for (const auto& e : *v) {
          if (!e.is_number_integer()) fail(key, "an integer or a list of integers");
          out.push_back(e.get<std::int64_t>());
        }
      } else {
        fail(key, "an integer or a list of integers");
      }
    }
  }

 private:
  const Json& json_;
  std::string origin_;
};

void read_fields(const Reader& r, GenerationConfig& g) {
  r.integer("max_length", g.max_length);
  r.integer("max_new_tokens", g.max_new_tokens);
  r.integer("min_length", g.min_length);
  r.integer("min_new_tokens", g.min_new_tokens);
  r.boolean("do_sample", g.do_sample);
  r.integer("num_beams", g.num_beams);
  r.number("temperature", g.temperature);
  r.integer("top_k", g.top_k);
  r.number("top_p", g.top_p);
  r.number("repetition_penalty", g.repetition_penalty);
  r.number("length_penalty", g.length_penalty);
  if (const Json* v = r.get("early_stopping"); v && v->is_boolean()) g.early_stopping = v->get<bool>();  // may be "never"
  r.integer("pad_token_id", g.pad_token_id);
  r.integer("bos_token_id", g.bos_token_id);
  r.id_list("eos_token_id", g.eos_token_ids);
  r.integer("decoder_start_token_id", g.decoder_start_token_id);
}

}  // namespace

GenerationConfig GenerationConfig::from_json(const Json& json, const std::string& origin) {
  if (!json.is_object()) throw Error(ErrorKind::kParse, origin + ": expected a JSON object");
  GenerationConfig g;
  read_fields(Reader(json, origin), g);
  g.validate();
  return g;
}

GenerationConfig GenerationConfig::from_model_config(const ConfigView& config) {
  // Build a JSON object of the keys HF's from_model_config copies, then read it like the file.
  Json j = Json::object();
  for (const char* key : {"max_length", "max_new_tokens", "min_length", "min_new_tokens", "do_sample", "num_beams",
                          "temperature", "top_k", "top_p", "repetition_penalty", "length_penalty", "early_stopping",
                          "pad_token_id", "bos_token_id", "eos_token_id", "decoder_start_token_id"})
    if (auto v = config.find(key)) j[key] = *v;
  return from_json(j, config.model_type() + " config.json");
}

GenerationConfig GenerationConfig::from_pretrained(const std::filesystem::path& dir, const ConfigView& config) {
  const auto file = dir / "generation_config.json";
  if (std::filesystem::exists(file)) return from_json(parse_json_file(file), file.string());
  return from_model_config(config);
}

std::int64_t GenerationConfig::new_tokens_for(std::int64_t prompt_length) const {
  if (max_new_tokens) return std::max<std::int64_t>(0, *max_new_tokens);
  return std::max<std::int64_t>(0, max_length - prompt_length);
}

void GenerationConfig::validate() const {
  auto bad = [](const std::string& what) { throw Error(ErrorKind::kInvalidArgument, "GenerationConfig: " + what); };
  if (max_new_tokens && *max_new_tokens < 0) bad("max_new_tokens must be ≥ 0");
  if (num_beams < 1) bad("num_beams must be ≥ 1");
  if (do_sample && !(temperature > 0)) bad("temperature must be > 0 when do_sample is true");
  if (top_k < 0) bad("top_k must be ≥ 0");
  if (!(top_p > 0 && top_p <= 1)) bad("top_p must be in (0, 1]");
  if (!(repetition_penalty > 0)) bad("repetition_penalty must be > 0");
}

}  // namespace autoclass
