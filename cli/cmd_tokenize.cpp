// autoclass tokenize MODEL [--json] [--add-special-tokens true|false] "text"
// autoclass tokenize MODEL --jsonl FILE|-   (one {"text": ..., "add_special_tokens": ...} per line)
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "runtime/auto/pretrained_tokenizer.h"
#include "runtime/tokenizer/pipeline.h"

namespace autoclass::cli {
namespace {

Json encode_json(const AutoTokenizer& tok, const std::string& text, bool special) {
  const Encoding e = tok.encode(text, special);
  return Json{{"ids", e.ids}, {"tokens", e.tokens}};
}

// std::getline with a cap, so a hostile multi-GB line is refused without being read into memory.
// Returns false at end of input.
bool read_line_capped(std::istream& in, std::string& line, std::size_t max_bytes, std::size_t line_no) {
  line.clear();
  char buf[1 << 16];
  for (bool any = false;; any = true) {
    in.getline(buf, sizeof buf);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (in.eof()) {
      line.append(buf, got);
      return any || got > 0;
    }
    if (!in.fail()) {  // stopped at the newline, which gcount includes
      line.append(buf, got - 1);
      return true;
    }
    line.append(buf, got);  // buffer full, no newline yet
    in.clear();
    if (line.size() > max_bytes)
      throw Error(ErrorKind::kLimit, "line " + std::to_string(line_no) + " is longer than " + std::to_string(max_bytes) +
                                         " bytes; one text may have at most " +
                                         std::to_string(tok::Pipeline::kDefaultMaxInputBytes) + " bytes: split it");
  }
}

int run_tokenize(const Args& args) {
  const std::string model = args.positional(0, "MODEL (a folder or Hub id)");
  const AutoTokenizer tok = load_pretrained_tokenizer(model);
  const bool special = args.bool_value("--add-special-tokens", true);
  if (auto file = args.value("--jsonl")) {
    args.expect_positionals(1, 1);
    std::ifstream f;
    if (*file != "-") {
      f.open(*file);
      if (!f) throw Error(ErrorKind::kNotFound, *file + ": cannot open");
    }
    std::istream& in = *file == "-" ? std::cin : f;
    std::string line;
    std::size_t n = 0;
    // Room for the text JSON-escaped (\" and \n double a byte) and the request around it.
    const std::size_t max_line = 2 * tok::Pipeline::kDefaultMaxInputBytes + 4096;
    while (read_line_capped(in, line, max_line, n + 1)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      const Json req = parse_json(line, (*file == "-" ? std::string("stdin") : *file) + " line " + std::to_string(n));
      if (!req.is_object() || !req.contains("text") || !req["text"].is_string())
        throw Error(ErrorKind::kInvalidArgument, "line " + std::to_string(n) + ": expected {\"text\": ..., \"add_special_tokens\": ...}");
      bool s = special;
      if (auto it = req.find("add_special_tokens"); it != req.end()) {
        if (!it->is_boolean()) throw Error(ErrorKind::kInvalidArgument, "line " + std::to_string(n) + ": add_special_tokens must be true or false");
        s = it->get<bool>();
      }
      std::cout << json_line(encode_json(tok, req["text"].get<std::string>(), s)) << "\n";
    }
    return 0;
  }
  args.expect_positionals(2, 2);
  const std::string text = args.positional(1, "TEXT");
  if (args.has("--json")) {
    std::cout << json_line(encode_json(tok, text, special)) << "\n";
    return 0;
  }
  const Encoding e = tok.encode(text, special);
  std::cout << "ids:    ";
  for (std::size_t i = 0; i < e.ids.size(); ++i) std::cout << (i ? " " : "") << e.ids[i];
  std::cout << "\ntokens: ";
  for (std::size_t i = 0; i < e.tokens.size(); ++i) std::cout << (i ? " " : "") << Json(e.tokens[i]).dump(-1, ' ', false, Json::error_handler_t::replace);
  std::cout << "\n" << e.ids.size() << " tokens (" << tok.tokenizer_class() << ")\n";
  return 0;
}

}  // namespace

Command tokenize_command() {
  return {{"tokenize", "autoclass tokenize MODEL [--json] [--add-special-tokens true|false] (TEXT | --jsonl FILE|-)",
           "Tokenize text with the model's tokenizer: ids and tokens, exactly as HF's fast tokenizer.",
           {{"--json", false, "print {\"ids\": [...], \"tokens\": [...]}"},
            {"--add-special-tokens", true, "true (default) or false"},
            {"--jsonl", true, "read {\"text\", \"add_special_tokens\"} per line from FILE (- = stdin), print one result per line"}}},
          run_tokenize};
}

}  // namespace autoclass::cli
