// HttpClient: many HTTP GETs at once over one libcurl multi handle, driven from the caller's thread.
// Each transfer is bounded in time (connect, total and low-speed timeouts) and size (max_bytes), http/https
// only, at most 5 redirects, each hop's connected address checked against the request's Reach, conditional when validators are given, gzip/deflate/br decoded. Connections are
// kept alive and reused across transfers. Politeness (which request may start when) is the Fetcher's job.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "pipeline/config/config.h"
#include "pipeline/fetch/address.h"

namespace tradewire {

struct HttpResponse {
  int status = 0;              // 0 when no response arrived (see error)
  std::string final_url;       // after redirects
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string retry_after;     // the Retry-After header as sent
  std::string body;            // Content-Encoding undone
  std::string error;           // transport failure ("timed out", "connection reset", …); empty if none
  bool retryable = false;      // the failure may pass: timeouts, resets, 5xx, 429
  bool too_large = false;      // aborted at max_bytes
  bool refused = false;        // an address the request's Reach does not allow was connected to (see error)
  bool from_private_address = false;  // the last hop's server is on a private address (an intranet listing)
};

struct HttpRequest {
  std::string url;
  std::string etag;            // sent as If-None-Match when not empty
  std::string last_modified;   // sent as If-Modified-Since when not empty
  Reach reach = Reach::kPublic;  // which addresses it may connect to, checked on every hop before it is sent
};

class HttpClient {
 public:
  using Completion = std::function<void(HttpResponse)>;

  explicit HttpClient(const FetchConfig& config);
  ~HttpClient();  // abandons transfers still in flight, without calling their completions
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Starts a GET at once; `done` is called from a later Poll() with the response or the failure.
  void Start(HttpRequest request, Completion done);
  int in_flight() const;
  // Waits at most `timeout` for network activity, advances every transfer, and calls the completions of those
  // that finished (which may Start more).
  void Poll(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tradewire
