#include <catch2/catch.hpp>

#include <fstream>

#include "generated/configs/bert_config.h"
#include "generated/configs/gpt2_config.h"
#include "runtime/config/auto_config.h"
#include "runtime/core/error.h"
#include "tests/support/fixtures.h"

using namespace autoclass;
namespace fs = std::filesystem;
using Catch::Matchers::Contains;

namespace {
fs::path write_config(const test::TempDir& tmp, const std::string& name, const std::string& text) {
  fs::create_directories(tmp.path() / name);
  std::ofstream(tmp.path() / name / "config.json") << text;
  return tmp.path() / name;
}
}  // namespace

TEST_CASE("AutoConfig dispatches on model_type to the typed class") {
  auto cfg = AutoConfig::from_pretrained(test::fixture("models/bert_mlm"));
  REQUIRE(cfg->config_class() == "BertConfig");
  auto* bert = dynamic_cast<BertConfig*>(cfg.get());
  REQUIRE(bert);
  CHECK(bert->hidden_size == 64);
  CHECK(bert->vocab_size == 1000);
  CHECK(bert->layer_norm_eps == Approx(1e-12));
  CHECK(cfg->get_int("num_attention_heads") == 4);
}

TEST_CASE("attribute_map aliases read and write the real field") {
  auto cfg = AutoConfig::from_pretrained(test::fixture("models/gpt2"));
  auto* gpt2 = dynamic_cast<GPT2Config*>(cfg.get());
  REQUIRE(gpt2);
  CHECK(gpt2->hidden_size() == 64);
  CHECK(cfg->get_int("hidden_size") == 64);
  CHECK(cfg->get_int("num_hidden_layers") == gpt2->n_layer);
  REQUIRE(cfg->set("hidden_size", 96));
  CHECK(gpt2->n_embd == 96);
  CHECK(cfg->to_save_json()["n_embd"] == 96);
}

TEST_CASE("for_model gives HF's defaults and to_diff_json lists only changes") {
  auto cfg = AutoConfig::for_model("bert");
  CHECK(cfg->get_int("hidden_size") == 768);
  CHECK(cfg->get_int("vocab_size") == 30522);
  CHECK(cfg->get_int("pad_token_id") == 0);  // BertConfig changes the base default
  CHECK(cfg->num_labels() == 2);
  Json diff = cfg->to_diff_json();
  CHECK(diff == Json{{"model_type", "bert"}});
  cfg->set("hidden_size", 128);
  diff = cfg->to_diff_json();
  CHECK(diff["hidden_size"] == 128);
  CHECK(diff.size() == 2);
  // Full form: every field with defaults filled.
  const Json full = cfg->to_json();
  CHECK(full["intermediate_size"] == 3072);
  CHECK(full["tie_word_embeddings"] == true);
}

TEST_CASE("overrides set known attributes and return the unused ones") {
  Json unused = Json::object();
  auto cfg = AutoConfig::from_pretrained(test::fixture("models/bert_mlm"),
                                         Json{{"hidden_dropout_prob", 0.0}, {"foo", 1}}, &unused);
  CHECK(cfg->get_float("hidden_dropout_prob") == 0.0);
  CHECK(unused == Json{{"foo", 1}});
  auto kept = AutoConfig::from_pretrained(test::fixture("models/bert_mlm"), Json{{"foo", 1}});
  CHECK(kept->unknown_keys()["foo"] == 1);
}

TEST_CASE("num_labels builds id2label like HF") {
  auto cfg = AutoConfig::for_model("bert", Json{{"num_labels", 3}});
  CHECK(cfg->num_labels() == 3);
  CHECK(cfg->id2label.at("2") == "LABEL_2");
  auto bart = AutoConfig::for_model("bart");
  CHECK(bart->num_labels() == 3);  // BartConfig passes num_labels=3 to PretrainedConfig
}

TEST_CASE("config errors say what and where") {
  test::TempDir tmp;
  SECTION("malformed JSON gives file, line and column") {
    auto dir = write_config(tmp, "bad", "{\n  \"model_type\": \"bert\",\n  \"hidden_size\": 64,,\n}\n");
    CHECK_THROWS_WITH(AutoConfig::from_pretrained(dir), Contains("config.json:3:") && Contains("malformed JSON"));
  }
  SECTION("wrong field type names the JSON path and the expected type") {
    auto dir = write_config(tmp, "bad", R"({"model_type": "bert", "hidden_size": "abc"})");
    CHECK_THROWS_WITH(AutoConfig::from_pretrained(dir), Contains("/hidden_size: expected int, got \"abc\""));
  }
  SECTION("unknown model_type suggests the nearest known ones") {
    auto dir = write_config(tmp, "bad", R"({"model_type": "bertt"})");
    try {
      AutoConfig::from_pretrained(dir);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::kUnknownModelType);
      CHECK_THAT(e.what(), Contains("'bertt'") && Contains("Did you mean") && Contains("bert"));
    }
  }
  SECTION("missing model_type falls back to the folder name, as HF does") {
    auto dir = write_config(tmp, "my-gpt2-copy", R"({"n_embd": 32})");
    auto cfg = AutoConfig::from_pretrained(dir);
    CHECK(cfg->model_type() == "gpt2");
    CHECK(cfg->get_int("hidden_size") == 32);
  }
  SECTION("missing model_type with no hint in the name is an error that says so") {
    auto dir = write_config(tmp, "zzzz", R"({"hidden_size": 32})");
    CHECK_THROWS_WITH(AutoConfig::from_pretrained(dir), Contains("no \"model_type\" key"));
  }
  SECTION("remote code is never run") {
    auto dir = write_config(tmp, "x", R"({"model_type": "chatglm", "auto_map": {"AutoConfig": "configuration_chatglm.ChatGLMConfig"}})");
    CHECK_THROWS_WITH(AutoConfig::from_pretrained(dir), Contains("needs custom code") &&
                                                            Contains("never runs code from a checkpoint") &&
                                                            Contains("AutoConfig::register_config(\"chatglm\"") &&
                                                            Contains("register_model(\"chatglm\""));
  }
  SECTION("a folder without config.json") {
    fs::create_directories(tmp.path() / "empty");
    CHECK_THROWS_WITH(AutoConfig::from_pretrained(tmp.path() / "empty"), Contains("does not contain a config.json"));
  }
}

namespace {
class MyConfig : public BertConfig {
 public:
  explicit MyConfig(std::string type = "my-model") : BertConfig(std::move(type)) {}
  std::unique_ptr<PretrainedConfig> fresh() const override { return std::make_unique<MyConfig>(model_type()); }
};
}  // namespace

TEST_CASE("AutoConfig::register_config") {
  CHECK_THROWS_WITH(AutoConfig::register_config("other-name", [] { return std::make_unique<MyConfig>(); }),
                    Contains("not consistent with the model type"));
  CHECK_THROWS_WITH(AutoConfig::register_config("bert", [] { return std::make_unique<MyConfig>("bert"); }),
                    Contains("already used"));
  AutoConfig::register_config("my-model", [] { return std::make_unique<MyConfig>(); });
  auto cfg = AutoConfig::from_json(Json{{"model_type", "my-model"}, {"hidden_size", 8}}, "inline");
  CHECK(dynamic_cast<MyConfig*>(cfg.get()));
  CHECK(cfg->get_int("hidden_size") == 8);
}
