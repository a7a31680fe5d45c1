// Fetcher: fetches URLs over HTTP like a good citizen, many at once. At most `concurrency` transfers in flight
// and `per_host_connections` per host, at least `per_host_delay_ms` (or the host's robots.txt Crawl-delay)
// between two request starts to one host; robots.txt fetched once per host and honoured; retries with
// exponential backoff and jitter on timeouts, resets, 5xx and 429, honouring Retry-After; conditional requests
// from the ledger's validators; every failure recorded in the ledger with the time a retry is due.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "pipeline/config/config.h"
#include "pipeline/fetch/http_client.h"
#include "pipeline/fetch/ledger.h"

namespace tradewire {

class Fetcher {
 public:
  enum class Outcome {
    kFetched,      // `response` holds an HTML page, feed or sitemap
    kNotModified,  // 304 to a conditional request
    kSkipped,      // an earlier failure's retry is not due yet
    kDisallowed,   // robots.txt disallows it for our user agent: not asked, not a failure, nothing recorded
    kFailed,       // `failure` says why; already recorded in the ledger
  };
  struct Result {
    Outcome outcome = Outcome::kFailed;
    HttpResponse response;
    FetchFailure failure;
  };
  using Done = std::function<void(Result)>;

  // `ledger` must outlive the Fetcher.
  Fetcher(const FetchConfig& config, FetchLedger& ledger);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Queues a GET of `url` on behalf of `source` (named in failures). With `conditional`, the ledger's
  // validators are sent. `done` runs on the thread in Run(), or at once when the URL is skipped. `reach`: which
  // addresses it may connect to (a configured source URL by default; a listing's links say where they came from).
  void Enqueue(std::string url, std::string source, bool conditional, Done done, Reach reach = Reach::kConfigured);
  // Fetches until nothing is queued, waiting for a retry or in flight; `done` callbacks may Enqueue more.
  void Run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tradewire
