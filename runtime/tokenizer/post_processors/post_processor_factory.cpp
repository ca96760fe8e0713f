// tokenizer.json "post_processor" -> PostProcessor (dispatch on "type").
#include "runtime/tokenizer/post_processors/post_processors.h"

namespace autoclass::tok {

namespace {
std::vector<TemplateProcessing::Item> read_template(const JsonAt& list) {
  std::vector<TemplateProcessing::Item> items;
  if (list.value.is_string()) list.fail("string templates are not supported here; expected a list of items");
  for (std::size_t i = 0; i < list.array().size(); ++i) {
    const JsonAt item = list.at(i);
    if (item.has("Sequence")) {
      const JsonAt seq = item.at("Sequence");
      const std::string id = seq.at("id").str();
      if (id != "A" && id != "B") seq.at("id").fail("expected \"A\" or \"B\"");
      items.push_back({true, id == "A" ? 0 : 1, "", seq.int_or("type_id", 0)});
    } else if (item.has("SpecialToken")) {
      const JsonAt sp = item.at("SpecialToken");
      items.push_back({false, 0, sp.at("id").str(), sp.int_or("type_id", 0)});
    } else {
      item.fail("expected {\"Sequence\": ...} or {\"SpecialToken\": ...}");
    }
  }
  return items;
}
std::pair<std::string, std::int64_t> read_token_pair(const JsonAt& j) {
  if (!j.value.is_array() || j.value.size() != 2) j.fail("expected [token, id]");
  return {j.at(std::size_t{0}).str(), j.at(std::size_t{1}).integer()};
}
}  // namespace

std::unique_ptr<PostProcessor> make_post_processor(const JsonAt& j) {
  if (j.value.is_null()) return nullptr;
  const std::string type = j.at("type").str();
  if (type == "TemplateProcessing") {
    std::map<std::string, TemplateProcessing::Special> specials;
    if (j.has("special_tokens")) {
      const JsonAt sp = j.at("special_tokens");
      for (auto it = sp.object().begin(); it != sp.object().end(); ++it) {
        const JsonAt entry{it.value(), json_path_join(sp.path, it.key()), j.file};
        TemplateProcessing::Special s;
        const JsonAt ids = entry.at("ids"), toks = entry.at("tokens");
        for (std::size_t i = 0; i < ids.array().size(); ++i) s.ids.push_back(ids.at(i).integer());
        for (std::size_t i = 0; i < toks.array().size(); ++i) s.tokens.push_back(toks.at(i).str());
        if (s.ids.size() != s.tokens.size()) entry.fail("ids and tokens differ in length");
        specials.emplace(it.key(), std::move(s));
      }
    }
    auto single = read_template(j.at("single"));
    auto pair = read_template(j.at("pair"));
    for (const auto* items : {&single, &pair})
      for (const auto& item : *items)
        if (!item.is_sequence && !specials.count(item.special))
          j.at("special_tokens").fail("template uses special token \"" + item.special + "\" which is not defined here");
    return std::make_unique<TemplateProcessing>(std::move(single), std::move(pair), std::move(specials));
  }
  if (type == "BertProcessing" || type == "RobertaProcessing") {
    auto cls = read_token_pair(j.at("cls"));
    auto sep = read_token_pair(j.at("sep"));
    const bool roberta = type == "RobertaProcessing";
    return std::make_unique<ClsSepProcessing>(cls.first, cls.second, sep.first, sep.second, roberta,
                                              roberta && j.bool_or("trim_offsets", true), j.bool_or("add_prefix_space", true));
  }
  if (type == "ByteLevel")
    return std::make_unique<ByteLevelProcessing>(j.bool_or("trim_offsets", true), j.bool_or("add_prefix_space", true));
  if (type == "Sequence") {
    const JsonAt list = j.at("processors");
    std::vector<std::unique_ptr<PostProcessor>> items;
    for (std::size_t i = 0; i < list.array().size(); ++i) {
      auto p = make_post_processor(list.at(i));
      if (p) items.push_back(std::move(p));
    }
    return std::make_unique<SequenceProcessing>(std::move(items));
  }
  j.at("type").fail("unsupported post_processor type \"" + type + "\"");
}

}  // namespace autoclass::tok
