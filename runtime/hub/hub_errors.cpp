#include "runtime/hub/hub_errors.h"

namespace autoclass::hub {

void raise_for_status(const HttpResponse& r, const std::string& method, const std::string& what) {
  if (r.status < 400) return;
  const std::string code = r.header("x-error-code");
  const std::string server_message = r.header("x-error-message");
  const std::string commit = r.header("x-repo-commit");
  const std::string where = " (HTTP " + std::to_string(r.status) + " for " + method + " " + r.url + ")";
  const std::string detail = server_message.empty() ? "" : " Server says: " + server_message;
  auto fail = [&](ErrorKind kind, const std::string& msg) {
    throw HubHttpError(kind, msg + where + "." + detail, r.status, code, commit);
  };
  if (code == "RevisionNotFound") fail(ErrorKind::kNotFound, "Revision not found: " + what + " — no such branch, tag or commit");
  if (code == "EntryNotFound") fail(ErrorKind::kNotFound, "File not found in the repo: " + what);
  if (code == "GatedRepo")
    fail(ErrorKind::kNetwork, "Cannot access gated repo: " + what +
                                  " — accept its conditions on the Hub and pass a token (HF_TOKEN or `hf auth login`)");
  if (code == "RepoNotFound" || (r.status == 401 && server_message != "Invalid credentials in Authorization header"))
    fail(ErrorKind::kNotFound, "Repository not found: " + what +
                                   " — check the repo id; if it is private or gated, pass a token (HF_TOKEN)");
  if (r.status == 401) fail(ErrorKind::kNetwork, "Invalid token for " + what + " — check HF_TOKEN or the token file");
  if (r.status == 403) fail(ErrorKind::kNetwork, "Forbidden: your token has no access to " + what);
  if (r.status == 404) fail(ErrorKind::kNotFound, "Not found on the Hub: " + what);
  if (r.status == 416) fail(ErrorKind::kNetwork, "Requested range not satisfiable for " + what);
  if (r.status >= 500) fail(ErrorKind::kNetwork, "Hub server error for " + what);
  fail(ErrorKind::kNetwork, "HTTP error for " + what);
}

}  // namespace autoclass::hub
