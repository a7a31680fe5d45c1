// FetchLedger: what the fetcher remembers between runs about each URL, so that the nightly job makes
// conditional requests, skips what it already has and retries failures when they are due.
// The store implements it (its url_state table); the fetch tests use the store too.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tradewire {

// The ledger's timestamps: ISO 8601 UTC to the second ("2025-05-20T07:58:00Z"), which sort as strings.
inline std::string IsoUtc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}
inline std::string NowIsoUtc() { return IsoUtc(std::time(nullptr)); }

struct UrlRecord {
  std::string etag;
  std::string last_modified;
  std::string retry_after;   // ISO 8601 UTC; a failed URL is not tried before this time. Empty when not failed.
  int failures = 0;          // consecutive failures so far
  bool stored = false;       // a document for this URL is already stored
};

struct FetchFailure {
  std::string url;
  std::string source;
  std::string reason;        // e.g. "HTTP 503", "timeout after 30 s", "body over max_bytes (10485760)"
  int http_status = 0;
  bool permanent = false;    // 404/410/robots: do not retry automatically
  std::string retry_after;   // ISO 8601 UTC, when a retry is due (empty when permanent)
};

// One entry of a feed or sitemap as it was last read: an article link or, for a sitemap index, a child sitemap.
struct ListedItem {
  std::string url;
  std::string date_hint;   // the entry's date, as Link::date
  std::string title_hint;
  bool sitemap = false;    // a child sitemap of an index, not an article
};

class FetchLedger {
 public:
  virtual ~FetchLedger() = default;
  virtual std::optional<UrlRecord> Lookup(std::string_view url) = 0;
  // The server answered 304 Not Modified (or the content was unchanged): clears any failure.
  virtual void RecordNotModified(std::string_view url) = 0;
  // A listing (feed, sitemap) was read: remember its validators for the next run's conditional request.
  virtual void RecordValidators(std::string_view url, std::string_view etag, std::string_view last_modified) = 0;
  virtual void RecordFailure(const FetchFailure& failure) = 0;
  // A listing was read: its items replace what it listed before, so that a run whose listing answers 304 still
  // reaches them. A ledger that keeps no listings (the default) makes a 304 listing yield nothing.
  virtual void RecordListing(std::string_view /*listing_url*/, const std::vector<ListedItem>& /*items*/) {}
  virtual std::vector<ListedItem> ListedItems(std::string_view /*listing_url*/) { return {}; }
};

}  // namespace tradewire
