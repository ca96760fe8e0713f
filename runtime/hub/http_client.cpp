#include "runtime/hub/http_client.h"

#include <curl/curl.h>

#include <cmath>
#include <memory>
#include <mutex>

namespace autoclass::hub {

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

struct Transfer {
  HttpResponse* resp;
  const BodySink* sink;
  CURL* curl;
  bool sink_failed = false;
};

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::string line(data, size * n);
  if (line.rfind("HTTP/", 0) == 0) {
    t->resp->headers.clear();  // a new response (after a redirect or a 100 Continue)
  } else if (auto colon = line.find(':'); colon != std::string::npos) {
    t->resp->headers[lower(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
  }
  return size * n;
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t bytes = size * n;
  long status = 0;
  curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
  if (t->sink && *t->sink && (status == 200 || status == 206)) {
    if (!(*t->sink)(status, data, bytes)) {
      t->sink_failed = true;
      return 0;
    }
    return bytes;
  }
  if (t->resp->body.size() < (1u << 20)) t->resp->body.append(data, bytes);
  return bytes;
}

HttpResponse perform(const std::string& url, const HttpSettings& s, bool head, const BodySink* sink) {
  global_init();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) throw TransportError("cannot initialise libcurl for " + url, false);
  HttpResponse resp;
  Transfer t{&resp, sink, curl.get()};
  curl_slist* list = nullptr;
  for (const auto& h : s.headers) list = curl_slist_append(list, h.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(list, &curl_slist_free_all);
  CURL* c = curl.get();
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, user_agent().c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  const long timeout_ms = std::max(1L, static_cast<long>(s.timeout_seconds * 1000));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  // A read timeout like requests' `timeout`: abort when nothing arrives for that long.
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, std::max(1L, static_cast<long>(std::ceil(s.timeout_seconds))));
  if (head) {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  } else {
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
    // The token goes to the Hub only, never to the CDN a redirect points at (curl's default too).
    curl_easy_setopt(c, CURLOPT_UNRESTRICTED_AUTH, 0L);
  }
  const CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  resp.status = status;
  char* eff = nullptr;
  curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
  resp.url = eff ? eff : url;
  if (rc != CURLE_OK) {
    if (t.sink_failed) throw Error(ErrorKind::kIo, "writing the download from " + url + " failed");
    const bool timed_out = rc == CURLE_OPERATION_TIMEDOUT;
    std::string what = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    if (timed_out)
      what = "timed out (no data for " + std::to_string(s.timeout_seconds).substr(0, 4) + " s): " + what;
    throw TransportError(std::string(head ? "HEAD " : "GET ") + url + " failed: " + what, timed_out);
  }
  return resp;
}

}  // namespace

HttpResponse http_head(const std::string& url, const HttpSettings& s) { return perform(url, s, true, nullptr); }

HttpResponse http_get(const std::string& url, const HttpSettings& s, const BodySink& sink) {
  return perform(url, s, false, &sink);
}

std::string user_agent() {
  const curl_version_info_data* v = curl_version_info(CURLVERSION_NOW);
  return std::string("autoclass/0.1.0; hf_hub/compatible; libcurl/") + (v && v->version ? v->version : "unknown");
}

std::string url_host(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  const auto path = url.find_first_of("/?#", scheme + 3);
  return url.substr(0, path);
}

bool is_relative_location(const std::string& location) {
  if (location.rfind("//", 0) == 0) return false;
  const auto colon = location.find(':');
  const auto slash = location.find('/');
  return colon == std::string::npos || (slash != std::string::npos && slash < colon);
}

std::string resolve_location(const std::string& base, const std::string& location) {
  if (location.rfind("//", 0) == 0) return base.substr(0, base.find("://") + 1) + location;
  if (!is_relative_location(location)) return location;
  if (!location.empty() && location[0] == '/') return url_host(base) + location;
  std::string dir = base.substr(0, base.find_first_of("?#", url_host(base).size()));
  dir = dir.substr(0, dir.rfind('/') + 1);
  return dir + location;
}

}  // namespace autoclass::hub
