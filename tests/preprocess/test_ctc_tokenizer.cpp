// Wav2Vec2CTCTokenizer against the wav2vec2_ctc fixture's tokenizer cases and CTC decodes.
#include <catch2/catch.hpp>

#include "runtime/preprocess/ctc_tokenizer.h"
#include "runtime/preprocess/processor.h"
#include "tests/support/fixtures.h"

using namespace autoclass;

TEST_CASE("CTC tokenizer: encode and decode the fixture cases", "[preprocess][ctc]") {
  const auto dir = test::fixture("models/wav2vec2_ctc");
  const Json expected = parse_json_file(dir / "expected.json");
  const Wav2Vec2CTCTokenizer tok = Wav2Vec2CTCTokenizer::from_pretrained(dir);
  CHECK(tok.vocab_size() == 32);
  CHECK(tok.pad_token_id() == 0);
  int cases = 0;
  for (const Json& c : expected.at("tokenizer_cases")) {
    if (c.contains("text_pair")) continue;  // CTC tokenizers have no pair template
    const std::string text = c.at("text").get<std::string>();
    INFO("text: " << text);
    const auto ids = c.at("ids").get<std::vector<std::int64_t>>();
    CHECK(tok.encode(text) == ids);
    CHECK(tok.decode(ids, false) == c.at("decoded").get<std::string>());
    CHECK(tok.decode(ids, true) == c.at("decoded_skip_special").get<std::string>());
    ++cases;
  }
  CHECK(cases >= 6);
}

TEST_CASE("CTC decode of the fixture's predicted ids (AutoProcessor.batch_decode)", "[preprocess][ctc]") {
  const auto dir = test::fixture("models/wav2vec2_ctc");
  const Json ctc = parse_json_file(dir / "expected.json").at("ctc");
  const Processor processor = AutoProcessor::from_pretrained(dir);
  const auto ids = ctc.at("predicted_ids").get<std::vector<std::vector<std::int64_t>>>();
  CHECK(processor.batch_decode(ids, false) == ctc.at("decoded").get<std::vector<std::string>>());
  CHECK(processor.batch_decode(ids, true) == ctc.at("decoded_skip_special_tokens").get<std::vector<std::string>>());
}

TEST_CASE("CTC decode: repeats merge, blanks split them, '|' is a space", "[preprocess][ctc]") {
  const Wav2Vec2CTCTokenizer tok = Wav2Vec2CTCTokenizer::from_pretrained(test::fixture("models/wav2vec2_ctc"));
  // H H <pad> E L <pad> L O | | W  →  "HELLO W"
  CHECK(tok.decode({11, 11, 0, 5, 15, 0, 15, 8, 4, 4, 18}, false) == "HELLO W");
  CHECK(tok.decode({0, 0, 4, 7, 4, 0}, false) == "A");
  CHECK(tok.decode({}, false).empty());
}
