// FetchedDocument: one response (or archived record, or saved file) as the sources hand it to the store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "extractors/text/utf8.h"

namespace tradewire {

// A saved page (a file, an archived record, a .gz of either) larger than this once decompressed is refused with
// a recorded failure, not read: real article pages are a few hundred KB, and a small gzip bomb must not take the
// memory of a night's run.
inline constexpr std::size_t kMaxPageBytes = std::size_t{64} << 20;

struct FetchedDocument {
  std::string source;         // the config source's name
  std::string url;            // requested URL (for files: the sidecar URL, else a file:// URL of the path)
  std::string final_url;      // after redirects; equals url when there were none
  int http_status = 0;        // 0 for files and archive records without one
  std::string content_type;   // the Content-Type header as received, may be empty
  std::string body;           // raw bytes, Content-Encoding already undone, charset NOT converted
  std::string etag;
  std::string last_modified;  // the HTTP Last-Modified header as received (an archived response's too)
  std::string fetched_at;     // ISO 8601 UTC, e.g. 2025-05-20T07:58:00Z (WARC-Date for archive records)
  std::string warc_date;      // an archive record's WARC-Date; empty for what was not read from a WARC
  std::string date_hint;      // publication date from the feed entry / sitemap, ISO, may be empty
  std::string title_hint;     // title from the feed entry / news sitemap, may be empty
  std::int64_t stored_id = 0; // set when read back from the store for reprocessing: the document's row id
};

// The media type of a Content-Type header, lower-cased, without parameters ("text/html; charset=x" → "text/html").
inline std::string MediaType(std::string_view content_type) {
  std::string type = AsciiLower(content_type.substr(0, content_type.find(';')));
  type.erase(0, type.find_first_not_of(' '));
  type.erase(type.find_last_not_of(' ') + 1);
  return type;
}

// Whether a response of this Content-Type can be an article page. No type at all is given the benefit of the
// doubt (saved files, old servers); PDFs, images and the like are recorded and skipped.
inline bool IsPageType(std::string_view content_type) {
  std::string type = MediaType(content_type);
  return type.empty() || type == "text/html" || type == "application/xhtml+xml" || type == "text/plain";
}

}  // namespace tradewire
