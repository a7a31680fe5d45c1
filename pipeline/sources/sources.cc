#include "pipeline/sources/sources.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <spdlog/spdlog.h>

#include "pipeline/compression.h"
#include "pipeline/data_files.h"
#include "pipeline/fetch/http_client.h"
#include "pipeline/fetch/robots.h"
#include "pipeline/sources/links.h"
#include "pipeline/url/canonical.h"

namespace tradewire {
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxSitemapDepth = 3;
constexpr int kMaxSitemaps = 200;
constexpr double kMaxInRunWaitS = 30;  // longer Retry-After waits are left to the next run

std::string IsoUtc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string NowIso() { return IsoUtc(std::time(nullptr)); }

// Retry-After is either delta-seconds or an HTTP date; returns seconds from now (negative when absent).
double RetryAfterSeconds(const std::string& header) {
  if (header.empty()) return -1;
  if (std::all_of(header.begin(), header.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::stod(header);
  }
  std::time_t when = curl_getdate(header.c_str(), nullptr);
  return when < 0 ? -1 : std::max<double>(0, std::difftime(when, std::time(nullptr)));
}

bool IsHtmlType(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  type.erase(type.find_last_not_of(' ') + 1);
  return type.empty() || type == "text/html" || type == "application/xhtml+xml" || type == "text/plain";
}

struct UrlParts {
  std::string origin;  // scheme://host[:port]
  std::string path;    // path and query
};

UrlParts SplitUrl(const std::string& url) {
  std::size_t scheme = url.find("://");
  std::size_t slash = scheme == std::string::npos ? std::string::npos : url.find('/', scheme + 3);
  if (slash == std::string::npos) return {url, "/"};
  return {url.substr(0, slash), url.substr(slash)};
}

// Fetches over HTTP like a good citizen: robots.txt, a delay between requests to one host, retries with
// exponential backoff and jitter, conditional requests, and a record of every failure in the ledger.
class Fetcher {
 public:
  Fetcher(const FetchConfig& config, FetchLedger& ledger) : config_(config), ledger_(ledger), client_(config) {}

  enum class Outcome { kFetched, kNotModified, kSkipped, kFailed };

  // GETs `url`; `response` holds the page when kFetched. Records failures in the ledger and `report`.
  Outcome Fetch(const std::string& url, std::string_view source, bool conditional, HttpResponse* response,
                SourceReport* report) {
    std::optional<UrlRecord> record = ledger_.Lookup(url);
    if (record && !record->retry_after.empty() && record->retry_after > NowIso()) {
      ++report->skipped;
      return Outcome::kSkipped;
    }
    UrlParts parts = SplitUrl(url);
    if (config_.obey_robots && !RobotsFor(parts.origin).Allowed(parts.path)) {
      Fail({url, std::string(source), "disallowed by robots.txt for our user agent", 0, true, ""}, report);
      return Outcome::kFailed;
    }
    std::string etag = conditional && record ? record->etag : "";
    std::string last_modified = conditional && record ? record->last_modified : "";
    for (int attempt = 1;; ++attempt) {
      WaitForHost(parts.origin);
      *response = client_.Get(url, etag, last_modified);
      if (response->error.empty() && response->status == 304) {
        ledger_.RecordNotModified(url);
        ++report->not_modified;
        return Outcome::kNotModified;
      }
      if (response->error.empty() && response->status >= 200 && response->status < 300) {
        if (!IsHtmlType(response->content_type) && !IsFeedType(response->content_type)) {
          Fail({url, std::string(source), "not an HTML page (" + response->content_type + ")", response->status,
                true, ""},
               report);
          return Outcome::kFailed;
        }
        return Outcome::kFetched;
      }
      std::string reason = !response->error.empty() ? response->error : "HTTP " + std::to_string(response->status);
      double server_wait = RetryAfterSeconds(response->retry_after);
      if (!response->retryable || attempt >= config_.max_attempts || server_wait > kMaxInRunWaitS) {
        bool permanent = !response->retryable;
        std::string retry_at;
        if (!permanent) {
          double wait = std::max(server_wait, 3600.0 * std::min(attempt, 24));  // next night's run, or later
          retry_at = IsoUtc(std::time(nullptr) + static_cast<std::time_t>(server_wait > 0 ? server_wait : wait));
        }
        Fail({url, std::string(source), reason, response->status, permanent, retry_at}, report);
        return Outcome::kFailed;
      }
      double backoff_s = config_.retry_base_ms / 1000.0 * (1 << std::min(attempt - 1, 5));
      backoff_s *= std::uniform_real_distribution<double>(0.75, 1.25)(rng_);
      double wait_s = std::min(kMaxInRunWaitS, std::max(backoff_s, server_wait));
      spdlog::info("{}: {}; retrying in {:.1f} s (attempt {} of {})", url, reason, wait_s, attempt + 1,
                   config_.max_attempts);
      std::this_thread::sleep_for(std::chrono::duration<double>(wait_s));
    }
  }

  static bool IsFeedType(std::string_view content_type) {
    return content_type.find("xml") != std::string_view::npos || content_type.find("json") != std::string_view::npos ||
           content_type.find("gzip") != std::string_view::npos || content_type.find("octet-stream") != std::string_view::npos;
  }

 private:
  void Fail(FetchFailure failure, SourceReport* report) {
    spdlog::warn("{} ({}): {}", failure.url, failure.source, failure.reason);
    ledger_.RecordFailure(failure);
    ++report->failed;
    report->failures.push_back(std::move(failure));
  }

  const RobotsRules& RobotsFor(const std::string& origin) {
    auto it = robots_.find(origin);
    if (it != robots_.end()) return it->second;
    WaitForHost(origin);
    HttpResponse response = client_.Get(origin + "/robots.txt");
    RobotsRules rules;
    if (response.error.empty() && response.status >= 200 && response.status < 300) {
      rules = RobotsRules::Parse(response.body, config_.user_agent);
    }
    // 4xx (no robots.txt) allows everything; so does an unreachable one, after which the page fetch reports.
    return robots_.emplace(origin, std::move(rules)).first->second;
  }

  void WaitForHost(const std::string& origin) {
    double delay_ms = config_.per_host_delay_ms;
    if (auto robots = robots_.find(origin); robots != robots_.end()) {
      delay_ms = std::max(delay_ms, robots->second.crawl_delay_s() * 1000);
    }
    auto next = next_request_.find(origin);
    if (next != next_request_.end() && next->second > Clock::now()) std::this_thread::sleep_until(next->second);
    next_request_[origin] = Clock::now() + std::chrono::milliseconds(static_cast<long>(delay_ms));
  }

  const FetchConfig& config_;
  FetchLedger& ledger_;
  HttpClient client_;
  std::map<std::string, RobotsRules> robots_;
  std::map<std::string, Clock::time_point> next_request_;
  std::mt19937 rng_{std::random_device{}()};
};

FetchedDocument ToDocument(const std::string& url, std::string_view source, HttpResponse response, const Link& link) {
  FetchedDocument document;
  document.source = std::string(source);
  document.url = url;
  document.final_url = response.final_url.empty() ? url : response.final_url;
  document.http_status = response.status;
  document.content_type = std::move(response.content_type);
  document.body = std::move(response.body);
  document.etag = std::move(response.etag);
  document.last_modified = std::move(response.last_modified);
  document.fetched_at = NowIso();
  document.date_hint = link.date;
  document.title_hint = link.title;
  return document;
}

class SourceRunner {
 public:
  SourceRunner(const Config& config, FetchLedger& ledger, const DocumentSink& sink)
      : config_(config), ledger_(ledger), sink_(sink), fetcher_(config.fetch, ledger) {}

  void Run(const SourceConfig& source, SourceReport* report) {
    report->source = source.name;
    if (source.kind == "feed") {
      RunLinkSource(source, source.url, 0, report);
    } else if (source.kind == "sitemap") {
      RunLinkSource(source, source.url, 0, report);
    } else if (source.kind == "urls") {
      RunUrlList(source, report);
    } else if (source.kind == "warc") {
      ReadWarc(source.path, source.name, sink_, report);
    } else if (source.kind == "dir") {
      ReadHtmlDirectory(source.path, source.name, sink_, report);
    }
  }

 private:
  void FetchArticle(const Link& link, std::string_view source, SourceReport* report) {
    if (!seen_.insert(link.url).second) return;  // listed by two sources (feed and sitemap, say)
    if (!config_.fetch.refetch_stored) {
      std::optional<UrlRecord> record = ledger_.Lookup(link.url);
      if (record && record->stored) {
        ++report->not_modified;
        return;
      }
    }
    HttpResponse response;
    if (fetcher_.Fetch(link.url, source, true, &response, report) != Fetcher::Outcome::kFetched) return;
    ++report->documents;
    sink_(ToDocument(link.url, source, std::move(response), link));
  }

  void RunLinkSource(const SourceConfig& source, const std::string& url, int depth, SourceReport* report) {
    HttpResponse response;
    // A feed or sitemap that did not change (304) is not parsed again.
    if (fetcher_.Fetch(url, source.name, true, &response, report) != Fetcher::Outcome::kFetched) return;
    std::string body = std::move(response.body);
    if (IsGzip(body)) {
      std::string inflated;
      if (Gunzip(body, &inflated, config_.fetch.max_bytes) != DecodeResult::kComplete) {
        spdlog::warn("{}: truncated, corrupt or oversized gzip data; reading what arrived", url);
      }
      body = std::move(inflated);
    }
    std::string base = response.final_url.empty() ? url : response.final_url;
    StatusOr<LinkList> links =
        source.kind == "feed" ? ParseFeed(body, base) : ParseSitemap(body, base, source.since);
    if (!links.ok()) {
      FetchFailure failure{url, source.name, links.status().message(), response.status, false,
                           IsoUtc(std::time(nullptr) + 3600)};
      spdlog::warn("{} ({}): {}", url, source.name, failure.reason);
      ledger_.RecordFailure(failure);
      ++report->failed;
      report->failures.push_back(std::move(failure));
      return;
    }
    // Validators are recorded only once the listing was read, so a broken feed is fetched whole next time.
    ledger_.RecordValidators(url, response.etag, response.last_modified);
    for (const Link& link : links->links) FetchArticle(link, source.name, report);
    for (const std::string& child : links->sitemaps) {
      if (depth + 1 > kMaxSitemapDepth || ++sitemaps_read_ > kMaxSitemaps) {
        spdlog::warn("{}: sitemap index nested too deep or too large; {} not read", source.name, child);
        continue;
      }
      RunLinkSource(source, child, depth + 1, report);
    }
  }

  void RunUrlList(const SourceConfig& source, SourceReport* report) {
    std::string list;
    if (!source.path.empty()) {
      StatusOr<std::string> bytes = ReadFileBytes(source.path);
      if (!bytes.ok()) {
        report->failures.push_back({source.path, source.name, bytes.status().message(), 0, true, ""});
        ++report->failed;
        return;
      }
      list = std::move(bytes).value();
    } else {
      HttpResponse response;
      if (fetcher_.Fetch(source.url, source.name, false, &response, report) != Fetcher::Outcome::kFetched) return;
      list = std::move(response.body);
    }
    std::istringstream lines(list);
    for (std::string line; std::getline(lines, line);) {
      line = line.substr(0, line.find('#'));
      line.erase(0, line.find_first_not_of(" \t\r"));
      line.erase(line.find_last_not_of(" \t\r") + 1);
      if (line.empty()) continue;
      StatusOr<std::string> url = CanonicalizeUrl(line);
      if (!url.ok()) {
        report->failures.push_back({line, source.name, "not an http(s) URL", 0, true, ""});
        ++report->failed;
        continue;
      }
      FetchArticle({line, "", ""}, source.name, report);
    }
  }

  const Config& config_;
  FetchLedger& ledger_;
  const DocumentSink& sink_;
  Fetcher fetcher_;
  std::set<std::string> seen_;
  int sitemaps_read_ = 0;
};

// ---------------------------------------------------------------------------------------------------- WARC

struct WarcRecord {
  std::map<std::string, std::string> headers;  // lower-cased names
  std::string_view block;
};

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Reads "Name: value" lines up to an empty line; returns the offset after it, or npos when incomplete.
std::size_t ReadHeaderBlock(std::string_view data, std::size_t at, std::map<std::string, std::string>* headers,
                            std::string* first_line) {
  std::size_t end = data.find("\r\n\r\n", at);
  std::size_t separator = 4;
  if (end == std::string_view::npos) {
    end = data.find("\n\n", at);
    separator = 2;
  }
  if (end == std::string_view::npos) return std::string_view::npos;
  std::istringstream lines{std::string(data.substr(at, end - at))};
  std::string line;
  std::getline(lines, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  *first_line = line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    (*headers)[LowerAscii(line.substr(0, colon))] = value;
  }
  return end + separator;
}

std::string Dechunk(std::string_view body) {
  std::string out;
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t eol = body.find("\r\n", at);
    if (eol == std::string_view::npos) break;
    std::size_t size = std::strtoul(std::string(body.substr(at, eol - at)).c_str(), nullptr, 16);
    if (size == 0) break;
    out.append(body.substr(eol + 2, size));
    at = eol + 2 + size + 2;
  }
  return out;
}

}  // namespace

void RunSources(const Config& config, FetchLedger& ledger, const DocumentSink& sink,
                std::vector<SourceReport>* reports) {
  SourceRunner runner(config, ledger, sink);
  for (const SourceConfig& source : config.sources) {
    SourceReport report;
    runner.Run(source, &report);
    spdlog::info("source {}: {} documents, {} not modified, {} skipped, {} failed", source.name, report.documents,
                 report.not_modified, report.skipped, report.failed);
    reports->push_back(std::move(report));
  }
}

void ReadWarc(const std::string& path, std::string_view source_name, const DocumentSink& sink, SourceReport* report) {
  report->source = std::string(source_name);
  auto fail = [&](std::string reason) {
    report->failures.push_back({path, std::string(source_name), std::move(reason), 0, true, ""});
    ++report->failed;
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(path + ": cannot open WARC file");
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string data;
  bool complete = true;
  if (IsGzip(raw)) {
    complete = Gunzip(raw, &data) == DecodeResult::kComplete;
  } else {
    data = std::move(raw);
  }
  std::size_t at = 0;
  while (at < data.size()) {
    while (at < data.size() && (data[at] == '\r' || data[at] == '\n')) ++at;
    if (at >= data.size()) break;
    std::map<std::string, std::string> headers;
    std::string version;
    std::size_t block_start = ReadHeaderBlock(data, at, &headers, &version);
    if (version.rfind("WARC/", 0) != 0) return fail(path + ": not a WARC record at byte " + std::to_string(at));
    if (block_start == std::string::npos || !headers.count("content-length")) {
      return fail(path + ": truncated WARC record header at byte " + std::to_string(at));
    }
    std::size_t length = std::strtoull(headers["content-length"].c_str(), nullptr, 10);
    if (block_start + length > data.size()) {
      return fail(path + ": truncated WARC record at byte " + std::to_string(at) + " (" +
                  headers["warc-target-uri"] + ")");
    }
    std::string_view block(data.data() + block_start, length);
    at = block_start + length;
    if (headers["warc-type"] != "response" || headers["content-type"].find("application/http") == std::string::npos) {
      continue;
    }
    std::map<std::string, std::string> http;
    std::string status_line;
    std::size_t body_start = ReadHeaderBlock(block, 0, &http, &status_line);
    if (body_start == std::string::npos) {
      fail(path + ": record for " + headers["warc-target-uri"] + " has a malformed HTTP response");
      continue;
    }
    FetchedDocument document;
    document.source = std::string(source_name);
    document.url = headers["warc-target-uri"];
    document.final_url = document.url;
    document.http_status = std::atoi(status_line.substr(status_line.find(' ') + 1).c_str());
    document.content_type = http["content-type"];
    document.fetched_at = headers["warc-date"];
    document.etag = http["etag"];
    document.last_modified = http["last-modified"];
    std::string body(block.substr(body_start));
    if (LowerAscii(http["transfer-encoding"]).find("chunked") != std::string::npos) body = Dechunk(body);
    if (IsGzip(body)) {
      std::string inflated;
      Gunzip(body, &inflated);
      body = std::move(inflated);
    }
    document.body = std::move(body);
    if (document.http_status < 200 || document.http_status >= 300 || !IsHtmlType(document.content_type)) continue;
    ++report->documents;
    sink(std::move(document));
  }
  if (!complete) fail(path + ": gzip data is truncated or corrupt after the last whole record");
}

void ReadHtmlDirectory(const std::string& path, std::string_view source_name, const DocumentSink& sink,
                       SourceReport* report) {
  report->source = std::string(source_name);
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    report->failures.push_back({path, std::string(source_name), path + ": not a folder", 0, true, ""});
    ++report->failed;
    return;
  }
  std::vector<fs::path> pages;
  for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::string name = it->path().filename().string();
    for (const char* suffix : {".html", ".htm", ".html.gz", ".htm.gz"}) {
      if (it->is_regular_file() && name.size() > std::strlen(suffix) &&
          name.compare(name.size() - std::strlen(suffix), std::string::npos, suffix) == 0) {
        pages.push_back(it->path());
        break;
      }
    }
  }
  std::sort(pages.begin(), pages.end());  // the same order every run
  for (const fs::path& page : pages) {
    StatusOr<std::string> bytes = ReadFileBytes(page.string());
    if (!bytes.ok()) {
      report->failures.push_back({page.string(), std::string(source_name), bytes.status().message(), 0, true, ""});
      ++report->failed;
      continue;
    }
    FetchedDocument document;
    document.source = std::string(source_name);
    document.url = "file://" + fs::absolute(page).lexically_normal().string();
    std::string sidecar_path = page.string();
    if (sidecar_path.size() > 3 && sidecar_path.compare(sidecar_path.size() - 3, 3, ".gz") == 0) {
      sidecar_path.resize(sidecar_path.size() - 3);
    }
    if (std::ifstream sidecar(sidecar_path + ".url"); sidecar) {
      std::string url;
      std::getline(sidecar, url);
      url.erase(url.find_last_not_of(" \t\r\n") + 1);
      if (!url.empty()) document.url = url;
    }
    document.final_url = document.url;
    document.body = std::move(bytes).value();
    auto mtime = fs::last_write_time(page, ec);
    document.fetched_at = ec ? NowIso()
                             : IsoUtc(std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(mtime)));
    ++report->documents;
    sink(std::move(document));
  }
}

}  // namespace tradewire
