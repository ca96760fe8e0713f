// Builds every fuzzer's seed corpus from the repo's own files:
//   header/          small .safetensors re-written from fixture tensors, plus bare fixture headers
//   index/           the sharded fixture's model.safetensors.index.json
//   config/          every fixture config.json (421 types' worth of real configs)
//   tokenizer_json/  each real fixture tokenizer.json shrunk to a few hundred vocab entries and merges,
//                    keeping its normalizer / pre-tokenizer / post-processor / decoder as they are
//   tokenize/        the texts of the tokenizer fixture cases, one file each
//   schema/          schemas/*.json
// Whole checkpoints and tokenizers are too large to mutate efficiently, hence the shrinking.
//   make_seed_corpus <repo root> <out dir>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "runtime/core/json_io.h"
#include "runtime/safetensors/safetensors.h"
#include "runtime/tokenizer/tokenizer_json_reader.h"

namespace fs = std::filesystem;
using namespace autoclass;

namespace {
int n_written = 0;

void write(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ++n_written;
}

void safetensors_seeds(const fs::path& models, const fs::path& header_dir, const fs::path& index_dir) {
  for (const auto& dir : fs::directory_iterator(models)) {
    if (!dir.is_directory()) continue;
    for (const auto& e : fs::directory_iterator(dir.path())) {
      const std::string name = e.path().filename().string();
      const std::string stem = dir.path().filename().string() + "-" + name;
      if (name.ends_with(".index.json")) {
        write(index_dir / stem, read_text_file(e.path()));
        continue;
      }
      if (!name.ends_with(".safetensors")) continue;
      SafetensorsFile f(e.path());
      TensorMap small;  // tensors up to 256 elements, at most 6, keeping the header small
      for (const auto& t : f.names())
        if (small.size() < 6 && f.get(t).numel() <= 256) small[t] = f.get(t);
      save_safetensors(header_dir / (stem + ".small"), small,
                       SafetensorsMetadata(f.metadata().begin(), f.metadata().end()));
      ++n_written;
      const std::string bytes = read_text_file(e.path());
      std::uint64_t len = 0;
      for (int i = 7; i >= 0; --i) len = (len << 8) | static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]);
      write(header_dir / (stem + ".header-only"), bytes.substr(0, 8 + len));
    }
  }
}

// Keeps the first `keep` merges and the vocab entries they use (plus the first `keep` entries).
Json shrink_tokenizer(Json doc, std::size_t keep) {
  Json& model = doc["model"];
  if (!model.is_object()) return doc;
  if (model.contains("vocab") && model["vocab"].is_array()) {  // Unigram: [[piece, score], ...]
    Json small = Json::array();
    for (std::size_t i = 0; i < model["vocab"].size() && i < keep; ++i) small.push_back(model["vocab"][i]);
    model["vocab"] = small;
    if (model.contains("unk_id") && model["unk_id"].is_number() && model["unk_id"].get<std::size_t>() >= small.size())
      model["unk_id"] = 0;
  } else if (model.contains("vocab") && model["vocab"].is_object()) {
    std::set<std::string> used;
    if (model.contains("merges") && model["merges"].is_array()) {
      Json merges = Json::array();
      for (std::size_t i = 0; i < model["merges"].size() && i < keep; ++i) {
        const Json& m = model["merges"][i];
        merges.push_back(m);
        std::string a, b;
        if (m.is_string()) {
          const std::string s = m.get<std::string>();
          const auto sp = s.find(' ');
          a = s.substr(0, sp);
          b = sp == std::string::npos ? "" : s.substr(sp + 1);
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
          a = m[0].get<std::string>();
          b = m[1].get<std::string>();
        }
        used.insert({a, b, a + b});
      }
      model["merges"] = merges;
    }
    Json vocab = Json::object();
    std::size_t i = 0;
    for (auto it = model["vocab"].begin(); it != model["vocab"].end(); ++it, ++i)
      if (i < keep || used.count(it.key())) vocab[it.key()] = *it;
    if (model.contains("unk_token") && model["unk_token"].is_string()) {
      const std::string unk = model["unk_token"].get<std::string>();
      if (!vocab.contains(unk) && model["vocab"].contains(unk)) vocab[unk] = model["vocab"][unk];
    }
    model["vocab"] = vocab;
  }
  if (doc.contains("added_tokens") && doc["added_tokens"].is_array() && doc["added_tokens"].size() > 20) {
    Json added = Json::array();
    for (std::size_t k = 0; k < 20; ++k) added.push_back(doc["added_tokens"][k]);
    doc["added_tokens"] = added;
  }
  return doc;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: make_seed_corpus <repo root> <out dir>\n";
    return 2;
  }
  const fs::path root = argv[1], out = argv[2];
  for (const char* d : {"header", "index", "config", "tokenizer_json", "tokenize", "schema"}) fs::create_directories(out / d);
  const fs::path fixtures = root / "tests/fixtures";

  safetensors_seeds(fixtures / "models", out / "header", out / "index");

  // tests/fixtures/models/<name>/config.json and the real Hub configs in tests/fixtures/configs/<type>/<repo>.json
  for (const auto& dir : fs::directory_iterator(fixtures / "models"))
    if (fs::exists(dir.path() / "config.json"))
      write(out / "config" / ("models-" + dir.path().filename().string()), read_text_file(dir.path() / "config.json"));
  for (const auto& dir : fs::directory_iterator(fixtures / "configs"))
    if (dir.is_directory())
      for (const auto& e : fs::directory_iterator(dir.path()))
        if (e.path().extension() == ".json")
          write(out / "config" / (dir.path().filename().string() + "-" + e.path().filename().string()), read_text_file(e.path()));

  for (const auto& dir : fs::directory_iterator(fixtures / "tokenizers")) {
    if (!fs::exists(dir.path() / "tokenizer.json")) continue;
    const std::string name = dir.path().filename().string();
    const Json doc = parse_json(read_text_file(dir.path() / "tokenizer.json", tok::kMaxTokenizerJsonBytes), name);
    write(out / "tokenizer_json" / (name + ".json"), shrink_tokenizer(doc, 300).dump());
    std::ifstream cases(dir.path() / "cases.jsonl");
    std::string line;
    for (int i = 0; std::getline(cases, line); ++i) {
      const Json c = parse_json(line, name + "/cases.jsonl");
      if (c.contains("text") && c["text"].is_string())
        write(out / "tokenize" / (name + "-" + std::to_string(i)), c["text"].get<std::string>());
    }
  }

  for (const auto& e : fs::directory_iterator(root / "schemas"))
    if (e.path().extension() == ".json" && e.path().filename().string()[0] != '_')
      write(out / "schema" / e.path().filename(), read_text_file(e.path()));

  std::cout << "wrote " << n_written << " seed files under " << out.string() << "\n";
  return 0;
}
