// Post-processors of tokenizer.json ("post_processor": {...}): add special tokens and type ids.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/tokenizer/components.h"
#include "runtime/tokenizer/json_util.h"

namespace autoclass::tok {

std::unique_ptr<PostProcessor> make_post_processor(const JsonAt& j);

// Builds a special-token Encoding piece (special_tokens_mask 1, offsets (0,0)).
Encoding special_piece(const std::vector<std::int64_t>& ids, const std::vector<std::string>& tokens, std::int64_t type_id);

class TemplateProcessing : public PostProcessor {
 public:
  struct Item {
    bool is_sequence;
    int sequence;               // 0 = $A, 1 = $B
    std::string special;        // special token name (key of `specials`)
    std::int64_t type_id;
  };
  struct Special { std::vector<std::int64_t> ids; std::vector<std::string> tokens; };
  TemplateProcessing(std::vector<Item> single, std::vector<Item> pair, std::map<std::string, Special> specials);
  std::size_t added_tokens(bool is_pair) const override;
  void process(std::vector<Encoding>& encodings, bool add_special_tokens) const override;
 private:
  std::vector<Item> single_, pair_;
  std::map<std::string, Special> specials_;
};

// ByteLevel `trim_offsets`: offsets of tokens starting / ending with the byte-level space ("Ġ") are
// narrowed to exclude it (except a single prefix space added to the first token).
void trim_byte_level_offsets(Encoding& e, bool add_prefix_space);

// BertProcessing ([CLS] A [SEP] B [SEP], type ids 0/1) and RobertaProcessing (<s> A </s></s> B </s>,
// all type ids 0 as RoBERTa models have a single token type; optional trim_offsets).
class ClsSepProcessing : public PostProcessor {
 public:
  ClsSepProcessing(std::string cls, std::int64_t cls_id, std::string sep, std::int64_t sep_id, bool roberta,
                   bool trim_offsets = false, bool add_prefix_space = false)
      : cls_(std::move(cls)), sep_(std::move(sep)), cls_id_(cls_id), sep_id_(sep_id), roberta_(roberta),
        trim_offsets_(trim_offsets), add_prefix_space_(add_prefix_space) {}
  std::size_t added_tokens(bool is_pair) const override { return is_pair ? (roberta_ ? 4 : 3) : 2; }
  void process(std::vector<Encoding>& encodings, bool add_special_tokens) const override;
 private:
  std::string cls_, sep_;
  std::int64_t cls_id_, sep_id_;
  bool roberta_, trim_offsets_, add_prefix_space_;
};

// ByteLevel as a post-processor only trims offsets; ids are untouched.
class ByteLevelProcessing : public PostProcessor {
 public:
  ByteLevelProcessing(bool trim_offsets = false, bool add_prefix_space = false)
      : trim_offsets_(trim_offsets), add_prefix_space_(add_prefix_space) {}
  std::size_t added_tokens(bool) const override { return 0; }
  void process(std::vector<Encoding>& encodings, bool) const override {
    if (trim_offsets_) for (Encoding& e : encodings) trim_byte_level_offsets(e, add_prefix_space_);
  }
 private:
  bool trim_offsets_, add_prefix_space_;
};

class SequenceProcessing : public PostProcessor {
 public:
  explicit SequenceProcessing(std::vector<std::unique_ptr<PostProcessor>> items) : items_(std::move(items)) {}
  std::size_t added_tokens(bool is_pair) const override {
    std::size_t n = 0;
    for (const auto& p : items_) n += p->added_tokens(is_pair);
    return n;
  }
  void process(std::vector<Encoding>& encodings, bool add_special_tokens) const override {
    for (const auto& p : items_) p->process(encodings, add_special_tokens);
  }
 private:
  std::vector<std::unique_ptr<PostProcessor>> items_;
};

}  // namespace autoclass::tok
