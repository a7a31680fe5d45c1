// HttpClient: one polite HTTP GET at a time over libcurl. Bounded in time (connect, total and low-speed
// timeouts) and size (max_bytes), http/https only, at most 5 redirects, conditional requests, gzip/deflate/br.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "pipeline/config/config.h"

namespace tradewire {

struct HttpResponse {
  int status = 0;              // 0 when no response arrived (see error)
  std::string final_url;       // after redirects
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string retry_after;     // the Retry-After header as sent
  std::string body;            // Content-Encoding undone
  std::string error;           // transport failure ("timeout after 30 s", "connection reset", …); empty if none
  bool retryable = false;      // the failure may pass: timeouts, resets, 5xx, 429
  bool too_large = false;      // aborted at max_bytes
};

class HttpClient {
 public:
  explicit HttpClient(const FetchConfig& config);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET `url`, sending If-None-Match / If-Modified-Since when validators are given.
  HttpResponse Get(std::string_view url, std::string_view etag = {}, std::string_view last_modified = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tradewire
