// A small libcurl wrapper for the Hub: HEAD without following redirects, GET into memory or appended
// to a file descriptor. Transport failures throw TransportError; HTTP statuses are returned.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "runtime/core/error.h"

namespace autoclass::hub {

struct TransportError : Error {
  TransportError(const std::string& message, bool timed_out) : Error(ErrorKind::kNetwork, message), timed_out(timed_out) {}
  bool timed_out;
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased; the last response's headers
  std::string url;                              // the URL that produced this response
  std::string body;                             // in-memory body (GET text, or an error body)
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpSettings {
  std::vector<std::string> headers;  // "Name: value"
  double timeout_seconds = 10.0;
};

// Receives the body of a 200/206 answer (with that status) chunk by chunk; return false to abort.
using BodySink = std::function<bool(long status, const char* data, std::size_t size)>;

HttpResponse http_head(const std::string& url, const HttpSettings& s);
// Follows redirects. When `sink` is set and the final status is 200/206 the body goes to it,
// otherwise (and for error statuses) the body is kept in HttpResponse::body (capped at 1 MB).
HttpResponse http_get(const std::string& url, const HttpSettings& s, const BodySink& sink = nullptr);

std::string user_agent();
std::string url_host(const std::string& url);  // "scheme://host:port" part
// Resolves a Location header against the URL it came from (absolute, "//host/..", "/path", "rel").
std::string resolve_location(const std::string& base, const std::string& location);
bool is_relative_location(const std::string& location);  // no scheme and no host

}  // namespace autoclass::hub
