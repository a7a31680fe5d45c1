#include "pipeline/sources/sources.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <spdlog/spdlog.h>

#include "pipeline/compression.h"
#include "pipeline/data_files.h"
#include "pipeline/fetch/fetcher.h"
#include "pipeline/sources/links.h"
#include "pipeline/url/canonical.h"

namespace tradewire {
namespace fs = std::filesystem;

namespace {

constexpr int kMaxSitemapDepth = 3;
constexpr int kMaxSitemaps = 200;

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
  document.fetched_at = NowIsoUtc();
  document.date_hint = link.date;
  document.title_hint = link.title;
  return document;
}

// Turns the network sources into fetches: every source's listing is queued at once, each listing's links are
// queued as it arrives, and the Fetcher runs them all concurrently within its politeness limits. Documents
// reach the sink in the order their fetches complete.
class SourceRunner {
 public:
  // `changed` (optional) runs after each URL is queued or finished; progress() says how far the fetching is.
  SourceRunner(const Config& config, FetchLedger& ledger, const DocumentSink& sink, std::function<void()> changed)
      : config_(config), ledger_(ledger), sink_(sink), fetcher_(config.fetch, ledger), changed_(std::move(changed)) {}

  // Reads a warc or dir source at once; queues the fetches of any other kind. `report` must outlive Fetch().
  void Add(const SourceConfig& source, SourceReport* report) {
    report->source = source.name;
    if (source.kind == "feed" || source.kind == "sitemap") {
      QueueListing(source, source.url, 0, Reach::kConfigured, report);
    } else if (source.kind == "urls") {
      QueueUrlList(source, report);
    } else if (source.kind == "warc") {
      ReadWarc(source.path, source.name, sink_, report);
    } else if (source.kind == "dir") {
      ReadHtmlDirectory(source.path, source.name, sink_, report);
    }
  }

  void Fetch() { fetcher_.Run(); }

  const FetchProgress& progress() const { return progress_; }

 private:
  // Every fetch is queued through here, so that the progress counts it.
  void Enqueue(std::string url, const std::string& source, bool conditional, Fetcher::Done done,
               Reach reach = Reach::kConfigured) {
    ++progress_.queued;
    Changed();
    fetcher_.Enqueue(std::move(url), source, conditional, [this, done = std::move(done)](Fetcher::Result result) {
      ++progress_.finished;
      done(std::move(result));  // a listing queues its links first, so the total grows before the line is drawn
      Changed();
    }, reach);
  }

  void Changed() const {
    if (changed_) changed_();
  }

  // Counts what the Fetcher did not hand over as a page; true when it did.
  static bool Count(const Fetcher::Result& result, SourceReport* report) {
    switch (result.outcome) {
      case Fetcher::Outcome::kFetched: return true;
      case Fetcher::Outcome::kNotModified: ++report->not_modified; break;
      case Fetcher::Outcome::kSkipped: ++report->skipped; break;
      case Fetcher::Outcome::kDisallowed: ++report->disallowed; break;
      case Fetcher::Outcome::kFailed:
        ++report->failed;
        report->failures.push_back(result.failure);
        break;
    }
    return false;
  }

  // A listing served from a private address is an operator's intranet, whose links may stay inside it.
  static Reach LinksReach(const HttpResponse& listing) {
    return listing.from_private_address ? Reach::kIntranet : Reach::kPublic;
  }

  void QueueArticle(const Link& link, const std::string& source, Reach reach, SourceReport* report) {
    if (!seen_.insert(link.url).second) return;  // listed twice (by a feed and a sitemap, say)
    if (!config_.fetch.refetch_stored) {
      std::optional<UrlRecord> record = ledger_.Lookup(link.url);
      if (record && record->stored) {
        ++report->not_modified;
        return;
      }
    }
    Enqueue(link.url, source, true, [this, link, source, report](Fetcher::Result result) {
      if (!Count(result, report)) return;
      ++report->documents;
      sink_(ToDocument(link.url, source, std::move(result.response), link));
    }, reach);
  }

  void QueueListing(const SourceConfig& source, const std::string& url, int depth, Reach reach,
                    SourceReport* report) {
    if (!seen_.insert(url).second) return;  // a sitemap index that lists itself, or two sources that share one
    // A feed or sitemap that did not change (304) is not parsed again, and one that failed or waits for its retry
    // cannot be: either way what it listed last comes from the ledger, so no due retry waits on its listing.
    Enqueue(url, source.name, true, [this, &source, url, depth, report](Fetcher::Result result) {
      if (Count(result, report)) {
        ReadListing(source, url, depth, std::move(result.response), report);
      } else {
        // Where the listing was served from is known when it answered (304, an HTTP error); when it could not be
        // reached its items are taken as public, or making a public feed unreachable would open the intranet.
        ReplayListing(source, url, depth, LinksReach(result.response), report);
      }
    }, reach);
  }

  // A listing's items as the ledger remembers them: the stored ones are passed over by QueueArticle and the
  // retries not yet due by the Fetcher, so what is left is what a killed run never stored and what is due again.
  void ReplayListing(const SourceConfig& source, const std::string& url, int depth, Reach reach,
                     SourceReport* report) {
    LinkList links;
    for (ListedItem& item : ledger_.ListedItems(url)) {
      if (item.sitemap) {
        links.sitemaps.push_back(std::move(item.url));
      } else {
        links.links.push_back({std::move(item.url), std::move(item.date_hint), std::move(item.title_hint)});
      }
    }
    QueueLinks(source, links, depth, reach, report);
  }

  // `reach`: what the listing's links may connect to (LinksReach of the listing).
  void QueueLinks(const SourceConfig& source, const LinkList& links, int depth, Reach reach, SourceReport* report) {
    for (const Link& link : links.links) QueueArticle(link, source.name, reach, report);
    for (const std::string& child : links.sitemaps) {
      if (depth + 1 > kMaxSitemapDepth || ++sitemaps_read_ > kMaxSitemaps) {
        spdlog::warn("{}: sitemap index nested too deep or too large; {} not read", source.name, child);
        continue;
      }
      QueueListing(source, child, depth + 1, reach, report);
    }
  }

  static std::vector<ListedItem> ToListedItems(const LinkList& links) {
    std::vector<ListedItem> items;
    for (const Link& link : links.links) items.push_back({link.url, link.date, link.title, false});
    for (const std::string& child : links.sitemaps) items.push_back({child, "", "", true});
    return items;
  }

  void ReadListing(const SourceConfig& source, const std::string& url, int depth, HttpResponse response,
                   SourceReport* report) {
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
      RecordListingFailure(source, url, links.status().message(), response.status, report);
      ReplayListing(source, url, depth, LinksReach(response), report);
      return;
    }
    if (links->unreadable) {
      // What was read before libxml2 stopped is queued and remembered; the listing is fetched whole next time.
      RecordListingFailure(source, url, links->incomplete, response.status, report);
    } else {
      if (!links->incomplete.empty()) spdlog::warn("{} ({}): {}", url, source.name, links->incomplete);
      // Validators are recorded only once the listing was read, so a broken feed is fetched whole next time.
      ledger_.RecordValidators(url, response.etag, response.last_modified);
    }
    ledger_.RecordListing(url, ToListedItems(*links));
    QueueLinks(source, *links, depth, LinksReach(response), report);
  }

  void RecordListingFailure(const SourceConfig& source, const std::string& url, const std::string& reason,
                            int http_status, SourceReport* report) {
    FetchFailure failure{url, source.name, reason, http_status, false, IsoUtc(std::time(nullptr) + 3600)};
    spdlog::debug("{} ({}): {}", url, source.name, failure.reason);  // listed with the run's failures at its end
    ledger_.RecordFailure(failure);
    ++report->failed;
    report->failures.push_back(std::move(failure));
  }

  void QueueUrlList(const SourceConfig& source, SourceReport* report) {
    if (source.path.empty()) {
      Enqueue(source.url, source.name, false, [this, &source, report](Fetcher::Result result) {
        if (Count(result, report)) QueueUrls(source, result.response.body, LinksReach(result.response), report);
      });
      return;
    }
    StatusOr<std::string> bytes = ReadFileBytes(source.path);
    if (!bytes.ok()) {
      report->failures.push_back({source.path, source.name, bytes.status().message(), 0, true, ""});
      ++report->failed;
      return;
    }
    QueueUrls(source, *bytes, Reach::kConfigured, report);  // the operator's own file
  }

  // One URL a line; '#' starts a comment.
  void QueueUrls(const SourceConfig& source, const std::string& list, Reach reach, SourceReport* report) {
    std::istringstream lines(list);
    for (std::string line; std::getline(lines, line);) {
      line = line.substr(0, line.find('#'));
      line.erase(0, line.find_first_not_of(" \t\r"));
      line.erase(line.find_last_not_of(" \t\r") + 1);
      if (line.empty()) continue;
      if (!CanonicalizeUrl(line).ok()) {
        report->failures.push_back({line, source.name, "not an http(s) URL", 0, true, ""});
        ++report->failed;
        continue;
      }
      QueueArticle({line, "", ""}, source.name, reach, report);
    }
  }

  const Config& config_;
  FetchLedger& ledger_;
  const DocumentSink& sink_;
  Fetcher fetcher_;
  std::function<void()> changed_;
  FetchProgress progress_;
  std::set<std::string> seen_;  // every URL queued this run: nothing is fetched twice
  int sitemaps_read_ = 0;
};

}  // namespace

void RunSources(const Config& config, FetchLedger& ledger, const DocumentSink& sink,
                std::vector<SourceReport>* reports, const FetchProgressSink& progress) {
  std::size_t first = reports->size();
  reports->resize(first + config.sources.size());  // never resized again: the fetches hold pointers into it
  SourceRunner runner(config, ledger, sink, [&] {
    if (!progress) return;
    FetchProgress now = runner.progress();
    for (std::size_t i = first; i < reports->size(); ++i) now.failed += (*reports)[i].failed;
    progress(now);
  });
  for (std::size_t i = 0; i < config.sources.size(); ++i) runner.Add(config.sources[i], &(*reports)[first + i]);
  runner.Fetch();
  for (std::size_t i = first; i < reports->size(); ++i) {
    const SourceReport& report = (*reports)[i];
    spdlog::info("source {}: {} documents, {} not modified, {} skipped, {} disallowed by robots.txt, {} failed",
                 report.source, report.documents, report.not_modified, report.skipped, report.disallowed,
                 report.failed);
  }
}

namespace {

// The saved pages under `folder`, recursively, in the same order every run.
std::vector<fs::path> PagesIn(const std::string& folder) {
  std::error_code ec;
  std::vector<fs::path> pages;
  for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
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
  std::sort(pages.begin(), pages.end());
  return pages;
}

}  // namespace

std::uint64_t InputBytes(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    std::uintmax_t size = fs::file_size(path, ec);
    return ec ? 0 : size;
  }
  std::uint64_t total = 0;
  for (const fs::path& page : PagesIn(path)) {
    std::uintmax_t size = fs::file_size(page, ec);
    if (!ec) total += size;
  }
  return total;
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
  for (const fs::path& page : PagesIn(path)) {
    std::uintmax_t page_size = fs::file_size(page, ec);
    report->bytes_read += ec ? 0 : page_size;
    StatusOr<std::string> bytes = ReadFileBytes(page.string(), kMaxPageBytes);
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
    document.fetched_at = ec ? NowIsoUtc()
                             : IsoUtc(std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(mtime)));
    ++report->documents;
    sink(std::move(document));
  }
}

}  // namespace tradewire
