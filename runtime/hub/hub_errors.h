// Turning Hub HTTP answers into clear errors (after huggingface_hub's hf_raise_for_status: the
// X-Error-Code header first, then the HTTP status).
#pragma once

#include <string>

#include "runtime/hub/http_client.h"

namespace autoclass::hub {

// An HTTP error answer from the Hub. `code` is X-Error-Code ("RepoNotFound", "RevisionNotFound",
// "EntryNotFound", "GatedRepo" or ""); `commit` is X-Repo-Commit when the Hub sent one.
struct HubHttpError : Error {
  HubHttpError(ErrorKind kind, const std::string& message, long status, std::string code, std::string commit)
      : Error(kind, message), status(status), code(std::move(code)), commit(std::move(commit)) {}
  long status;
  std::string code;
  std::string commit;
  bool retryable() const { return status >= 500 || status == 429; }
};

// Throws HubHttpError for 4xx/5xx; `what` says what was asked ("repo 'a/b', revision 'main', file 'x'").
void raise_for_status(const HttpResponse& r, const std::string& method, const std::string& what);

}  // namespace autoclass::hub
