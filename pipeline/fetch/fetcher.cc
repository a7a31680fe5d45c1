#include "pipeline/fetch/fetcher.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <random>

#include <spdlog/spdlog.h>

#include "pipeline/document.h"
#include "pipeline/fetch/robots.h"

namespace tradewire {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kMaxInRunWaitS = 30;  // longer Retry-After waits are left to the next run
constexpr auto kMaxPollWait = std::chrono::milliseconds(250);

// Retry-After is either delta-seconds or an HTTP date; returns seconds from now (negative when absent).
double RetryAfterSeconds(const std::string& header) {
  if (header.empty()) return -1;
  if (std::all_of(header.begin(), header.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return header.size() > 9 ? 1e9 : std::stod(header);
  }
  std::time_t when = curl_getdate(header.c_str(), nullptr);
  return when < 0 ? -1 : std::max<double>(0, std::difftime(when, std::time(nullptr)));
}

// Pages, feeds and sitemaps; PDFs, images and the like are recorded and skipped.
bool IsReadableType(std::string_view content_type) {
  std::string type = MediaType(content_type);
  return IsPageType(type) || type.find("xml") != std::string::npos || type.find("json") != std::string::npos ||
         type.find("gzip") != std::string::npos || type == "application/octet-stream";
}

struct UrlParts {
  std::string origin;  // scheme://host[:port]: the unit of politeness
  std::string path;    // path and query, as robots.txt rules see it
};

UrlParts SplitUrl(const std::string& url) {
  std::size_t scheme = url.find("://");
  std::size_t slash = scheme == std::string::npos ? std::string::npos : url.find_first_of("/?#", scheme + 3);
  if (slash == std::string::npos) return {url, "/"};
  std::string path = url.substr(slash, url.find('#', slash) - slash);
  if (path.empty() || path[0] != '/') path.insert(0, "/");
  return {url.substr(0, slash), path};
}

struct Request {
  std::string url;
  std::string path;
  std::string source;
  std::string etag;
  std::string last_modified;
  Fetcher::Done done;
  int attempt = 1;
  Reach reach = Reach::kConfigured;
};

struct Host {
  enum class Robots { kUnknown, kFetching, kKnown };
  Robots robots = Robots::kUnknown;
  RobotsRules rules;
  int robots_attempts = 0;
  std::string robots_unavailable;  // why robots.txt could not be read: every page of the host waits for a later run
  int in_flight = 0;
  // robots.txt was refused to this Reach: pages asked with it (or a narrower one) go on and are refused likewise;
  // a page with a wider Reach asks for robots.txt again.
  std::optional<Reach> robots_refused_to;
  Clock::time_point next_start{};  // the earliest the next request may start (per-host delay, Retry-After)
  std::deque<Request> queue;
};

}  // namespace

struct Fetcher::Impl {
  FetchConfig config;
  FetchLedger& ledger;
  HttpClient client;
  std::map<std::string, Host> hosts;
  std::string cursor;  // the host that started a request last, so that hosts take turns
  std::multimap<Clock::time_point, std::pair<std::string, Request>> retries;  // (origin, request) by due time
  std::mt19937 rng{std::random_device{}()};

  Impl(const FetchConfig& c, FetchLedger& l) : config(c), ledger(l), client(c) {}

  Clock::duration DelayFor(const Host& host) const {
    double ms = std::max<double>(config.per_host_delay_ms, host.rules.crawl_delay_s() * 1000);
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(ms));
  }

  void Fail(FetchFailure failure, const Fetcher::Done& done, bool from_private_address = false) {
    spdlog::debug("{} ({}): {}", failure.url, failure.source, failure.reason);  // the run lists failures at its end
    ledger.RecordFailure(failure);
    Result result;
    result.outcome = Outcome::kFailed;
    result.failure = std::move(failure);
    result.response.from_private_address = from_private_address;
    done(std::move(result));
  }

  // robots.txt is asked for with the Reach of the page that needs it, so a public listing cannot make us knock
  // on an intranet host either.
  void StartRobots(const std::string& origin, Host& host, Reach reach) {
    host.robots = Host::Robots::kFetching;
    ++host.in_flight;
    host.next_start = Clock::now() + DelayFor(host);
    client.Start({origin + "/robots.txt", "", "", reach}, [this, origin, reach](HttpResponse response) {
      Host& host = hosts[origin];
      --host.in_flight;
      if (response.refused) {  // the page itself is refused the same way, with the reason in its failure
        host.robots = Host::Robots::kUnknown;
        host.next_start = Clock::now();
        host.robots_refused_to = reach;
        return;
      }
      // RFC 9309: a robots.txt that does not exist (4xx) allows everything; one the server fails to give (5xx, 429,
      // no answer) disallows everything for now, and this run's pages of the host are retried on a later one.
      const bool answered = response.error.empty();
      if (answered && response.status >= 200 && response.status < 300) {
        host.rules = RobotsRules::Parse(response.body, config.user_agent);
      } else if (!answered || response.status >= 500 || response.status == 429) {
        if (++host.robots_attempts < config.max_attempts) {  // asked again after the usual backoff
          host.robots = Host::Robots::kUnknown;
          const int backoff_ms = config.retry_base_ms << std::min(host.robots_attempts - 1, 5);  // as pages back off
          host.next_start = Clock::now() + std::chrono::milliseconds(backoff_ms);
          return;
        }
        host.robots_unavailable =
            "robots.txt unavailable (" + (answered ? "HTTP " + std::to_string(response.status) : response.error) + ")";
      }
      host.robots = Host::Robots::kKnown;
    });
  }

  void Start(const std::string& origin, Host& host, Request request) {
    ++host.in_flight;
    host.next_start = Clock::now() + DelayFor(host);
    HttpRequest http{request.url, request.etag, request.last_modified, request.reach};
    client.Start(std::move(http), [this, origin, request = std::move(request)](HttpResponse response) mutable {
      OnResponse(origin, std::move(request), std::move(response));
    });
  }

  void OnResponse(const std::string& origin, Request request, HttpResponse response) {
    Host& host = hosts[origin];
    --host.in_flight;
    if (response.error.empty() && response.status == 304) {
      ledger.RecordNotModified(request.url);
      Result result;
      result.outcome = Outcome::kNotModified;
      result.response.from_private_address = response.from_private_address;
      request.done(std::move(result));
      return;
    }
    if (response.error.empty() && response.status >= 200 && response.status < 300) {
      if (!IsReadableType(response.content_type)) {
        Fail({request.url, request.source, "not an HTML page (" + response.content_type + ")", response.status,
              true, ""},
             request.done);
        return;
      }
      Result result;
      result.outcome = Outcome::kFetched;
      result.response = std::move(response);
      request.done(std::move(result));
      return;
    }
    std::string reason = !response.error.empty() ? response.error : "HTTP " + std::to_string(response.status);
    double server_wait = RetryAfterSeconds(response.retry_after);
    if (server_wait > 0) {  // the host said it is busy: every request to it waits, not just this one
      auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(std::min(server_wait, kMaxInRunWaitS)));
      host.next_start = std::max(host.next_start, until);
    }
    if (!response.retryable || request.attempt >= config.max_attempts || server_wait > kMaxInRunWaitS) {
      bool permanent = !response.retryable;
      std::string retry_at;
      if (!permanent) {
        double next_run = 3600.0 * std::min(request.attempt, 24);  // the next night's run, or later
        retry_at = IsoUtc(std::time(nullptr) + static_cast<std::time_t>(server_wait > 0 ? server_wait : next_run));
      }
      Fail({request.url, request.source, reason, response.status, permanent, retry_at}, request.done,
           response.from_private_address);
      return;
    }
    double backoff_s = config.retry_base_ms / 1000.0 * (1 << std::min(request.attempt - 1, 5));
    backoff_s *= std::uniform_real_distribution<double>(0.75, 1.25)(rng);
    double wait_s = std::min(kMaxInRunWaitS, std::max(backoff_s, server_wait));
    spdlog::info("{}: {}; retrying in {:.1f} s (attempt {} of {})", request.url, reason, wait_s,
                 request.attempt + 1, config.max_attempts);
    ++request.attempt;
    auto due = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait_s));
    retries.emplace(due, std::make_pair(origin, std::move(request)));
  }

  void PromoteDueRetries(Clock::time_point now) {
    while (!retries.empty() && retries.begin()->first <= now) {
      auto node = retries.extract(retries.begin());
      auto& [origin, request] = node.mapped();
      hosts[origin].queue.push_front(std::move(request));
    }
  }

  // Reach's values run from the widest to the narrowest.
  static bool RobotsRefusedTo(const Host& host) {
    return host.robots_refused_to && host.queue.front().reach >= *host.robots_refused_to;
  }

  bool MayStart(const Host& host, Clock::time_point now) const {
    return !host.queue.empty() && host.in_flight < config.per_host_connections && now >= host.next_start;
  }

  // Starts what the limits allow, hosts taking turns, one request per host per turn.
  void Dispatch(Clock::time_point now) {
    bool started = true;
    while (started) {
      started = false;
      auto it = hosts.upper_bound(cursor);
      for (std::size_t visited = 0; visited < hosts.size(); ++visited, ++it) {
        if (client.in_flight() >= config.concurrency) return;
        if (it == hosts.end()) it = hosts.begin();
        auto& [origin, host] = *it;
        if (!MayStart(host, now)) continue;
        if (config.obey_robots && host.robots != Host::Robots::kKnown && !RobotsRefusedTo(host)) {
          if (host.robots == Host::Robots::kUnknown) StartRobots(origin, host, host.queue.front().reach);
          continue;
        }
        Request request = std::move(host.queue.front());
        host.queue.pop_front();
        cursor = origin;
        started = true;
        if (config.obey_robots && !host.robots_unavailable.empty()) {
          Fail({request.url, request.source, host.robots_unavailable, 0, false, IsoUtc(std::time(nullptr) + 3600)},
               request.done);
          continue;
        }
        if (config.obey_robots && !host.rules.Allowed(request.path)) {
          // The site's choice, not a fault: counted apart, and asked again whenever robots.txt allows it.
          spdlog::info("{} ({}): disallowed by robots.txt for our user agent", request.url, request.source);
          Result result;
          result.outcome = Outcome::kDisallowed;
          request.done(std::move(result));
          continue;
        }
        Start(origin, host, std::move(request));
        now = Clock::now();
      }
    }
  }

  // How long nothing can start: until the next retry or host delay is due (transfers wake the poll sooner).
  std::chrono::milliseconds IdleWait(Clock::time_point now, bool* anything_waiting) const {
    Clock::time_point wake = now + kMaxPollWait;
    *anything_waiting = !retries.empty();
    if (!retries.empty()) wake = std::min(wake, retries.begin()->first);
    bool slots_free = client.in_flight() < config.concurrency;
    for (const auto& [origin, host] : hosts) {
      if (host.queue.empty()) continue;
      *anything_waiting = true;
      // A host at its connection limit, or waiting for its robots.txt, is woken by a transfer finishing.
      bool blocked = host.in_flight >= config.per_host_connections ||
                     (config.obey_robots && host.robots == Host::Robots::kFetching);
      if (slots_free && !blocked) wake = std::min(wake, host.next_start);
    }
    return std::chrono::ceil<std::chrono::milliseconds>(std::max(wake - now, Clock::duration::zero()));
  }
};

Fetcher::Fetcher(const FetchConfig& config, FetchLedger& ledger) : impl_(std::make_unique<Impl>(config, ledger)) {}

Fetcher::~Fetcher() = default;

void Fetcher::Enqueue(std::string url, std::string source, bool conditional, Done done, Reach reach) {
  std::optional<UrlRecord> record = impl_->ledger.Lookup(url);
  if (record && !record->retry_after.empty() && record->retry_after > NowIsoUtc()) {
    Result result;
    result.outcome = Outcome::kSkipped;
    done(std::move(result));
    return;
  }
  UrlParts parts = SplitUrl(url);
  Request request{std::move(url), std::move(parts.path), std::move(source), "", "", std::move(done), 1, reach};
  if (conditional && record) {
    request.etag = record->etag;
    request.last_modified = record->last_modified;
  }
  impl_->hosts[parts.origin].queue.push_back(std::move(request));
}

void Fetcher::Run() {
  while (true) {
    auto now = Clock::now();
    impl_->PromoteDueRetries(now);
    impl_->Dispatch(now);
    bool anything_waiting = false;
    std::chrono::milliseconds wait = impl_->IdleWait(Clock::now(), &anything_waiting);
    if (!anything_waiting && impl_->client.in_flight() == 0) return;
    impl_->client.Poll(wait);
  }
}

}  // namespace tradewire
