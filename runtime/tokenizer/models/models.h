// Models of tokenizer.json ("model": {...}): BPE, WordPiece, Unigram, WordLevel.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <string>
#include <vector>

#include "runtime/tokenizer/components.h"
#include "runtime/tokenizer/json_util.h"
#include "runtime/tokenizer/models/vocab.h"

namespace autoclass::tok {

// Builds the model; `type` may be empty for old files without "type" (then inferred from fields).
// `vocab` / `merges` may be supplied pre-parsed (fast path for big files); then the JSON's
// /model/vocab and /model/merges are ignored.
std::unique_ptr<Model> make_model(const JsonAt& j, std::optional<Vocab> vocab = std::nullopt,
                                  std::optional<std::vector<std::pair<std::string, std::string>>> merges = std::nullopt);

struct BpeOptions {
  std::optional<std::string> unk_token;
  std::string continuing_subword_prefix, end_of_word_suffix;
  bool fuse_unk = false, byte_fallback = false, ignore_merges = false;
};

class BpeModel : public Model {
 public:
  // merges: pairs of token strings, in rank order. Throws naming `origin` if a merge is unusable.
  BpeModel(Vocab vocab, const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options,
           const std::string& origin);
  void tokenize(const AlignedString& piece, std::vector<Token>& out) const override;
  std::optional<std::uint32_t> token_to_id(std::string_view t) const override { return vocab_.find(t); }
  const std::string* id_to_token(std::uint32_t id) const override { return vocab_.token(id); }
  std::size_t vocab_size() const override { return vocab_.size(); }

  struct Piece { std::uint32_t id, len; };  // a token and its byte length within the word
 private:
  void tokenize_word(std::string_view word, std::vector<Piece>& out) const;
  struct MergeEntry { std::uint64_t key; std::uint32_t rank, new_id; };
  const MergeEntry* find_merge(std::uint32_t a, std::uint32_t b) const;

  Vocab vocab_;
  BpeOptions opt_;
  std::optional<std::uint32_t> unk_id_;
  std::array<std::int64_t, 256> byte_ids_{};  // <0xXX> ids for byte_fallback (-1 if absent)
  std::vector<MergeEntry> merge_table_;       // open addressing, power-of-two size
  std::uint64_t merge_mask_ = 0;
  // Word -> pieces cache shared by all threads (sharded read/write locks, cleared when a shard fills).
  struct CacheShard {
    std::shared_mutex mutex;
    // Open addressing: slot = (hash tag << 32) | entry index + 1; 0 = empty.
    std::vector<std::uint64_t> slots;
    std::vector<std::pair<std::string, std::vector<Piece>>> entries;
    const std::vector<Piece>* find(std::string_view word, std::uint64_t h) const;
    void insert(std::string_view word, std::uint64_t h, std::vector<Piece> pieces);
  };
  static constexpr std::size_t kCacheShards = 64;
  static constexpr std::size_t kCacheShardCapacity = 4096;
  mutable std::unique_ptr<CacheShard[]> cache_;
};

class WordPieceModel : public Model {
 public:
  WordPieceModel(Vocab vocab, std::string unk_token, std::string prefix, std::size_t max_chars, const std::string& origin);
  void tokenize(const AlignedString& piece, std::vector<Token>& out) const override;
  std::optional<std::uint32_t> token_to_id(std::string_view t) const override { return vocab_.find(t); }
  const std::string* id_to_token(std::uint32_t id) const override { return vocab_.token(id); }
  std::size_t vocab_size() const override { return vocab_.size(); }
 private:
  Vocab vocab_;
  std::uint32_t unk_id_;
  std::string prefix_;
  std::size_t max_chars_;
};

class UnigramModel : public Model {
 public:
  UnigramModel(std::vector<std::pair<std::string, double>> pieces, std::optional<std::uint32_t> unk_id,
               bool byte_fallback, const std::string& origin);
  void tokenize(const AlignedString& piece, std::vector<Token>& out) const override;
  std::optional<std::uint32_t> token_to_id(std::string_view t) const override { return vocab_.find(t); }
  const std::string* id_to_token(std::uint32_t id) const override { return vocab_.token(id); }
  std::size_t vocab_size() const override { return vocab_.size(); }
 private:
  Vocab vocab_;
  std::vector<double> scores_;
  std::optional<std::uint32_t> unk_id_;
  bool byte_fallback_;
  double unk_score_ = 0;
  std::size_t max_piece_bytes_ = 0;
  std::array<std::int64_t, 256> byte_ids_{};
};

class WordLevelModel : public Model {
 public:
  WordLevelModel(Vocab vocab, std::string unk_token);
  void tokenize(const AlignedString& piece, std::vector<Token>& out) const override;
  std::optional<std::uint32_t> token_to_id(std::string_view t) const override { return vocab_.find(t); }
  const std::string* id_to_token(std::uint32_t id) const override { return vocab_.token(id); }
  std::size_t vocab_size() const override { return vocab_.size(); }
 private:
  Vocab vocab_;
  std::optional<std::uint32_t> unk_id_;
};

// "<0x0A>"-style byte token names used by byte_fallback.
std::string byte_token_name(unsigned char b);

}  // namespace autoclass::tok
