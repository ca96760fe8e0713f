// autoclass error type: every failure the library reports to a caller is an autoclass::Error whose
// message says what went wrong and where (file, JSON path, tensor name, URL ...).
#pragma once

#include <stdexcept>
#include <string>

namespace autoclass {

enum class ErrorKind {
  kInvalidArgument,   // caller passed something unusable
  kNotFound,          // a file, tensor, repo or entry does not exist
  kParse,             // malformed JSON / header / file contents
  kUnsupported,       // known thing this build or this library cannot run
  kUnknownModelType,  // model_type not in any schema
  kNotCompiledIn,     // model_type known but left out of this (slim) binary
  kIo,                // filesystem failures
  kNetwork,           // HTTP / transport failures
  kLimit,             // input over a safety limit (file size, text length, nesting depth)
  kInternal,
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  explicit Error(const std::string& message) : Error(ErrorKind::kInvalidArgument, message) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace autoclass
