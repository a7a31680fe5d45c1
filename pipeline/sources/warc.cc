// ReadWarc (declared in sources.h): WARC 1.0/1.1 archives, plain or .warc.gz, read record by record so that an
// archive of any size is read in bounded memory.
#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include "extractors/text/utf8.h"
#include "pipeline/compression.h"
#include "pipeline/sources/sources.h"
#include "pipeline/url/canonical.h"

namespace tradewire {
namespace {

using namespace std::string_view_literals;

constexpr std::size_t kChunk = 1 << 16;
constexpr std::size_t kMaxHeaderBytes = 1 << 20;     // a WARC or HTTP header block longer than this is corrupt
constexpr std::size_t kMaxPadding = 1 << 20;         // line breaks between records past this end the reading

using Headers = std::map<std::string, std::string>;  // lower-cased names

// Parses "Name: value" lines after a first line (the WARC version or the HTTP status line).
void ParseHeaderLines(std::string_view block, std::string* first_line, Headers* headers) {
  std::istringstream lines{std::string(block)};
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
    (*headers)[AsciiLower(line.substr(0, colon))] = value;
  }
}

// The end of the header block starting at `at` (the offset after its blank line), or npos.
std::size_t HeaderEnd(std::string_view data, std::size_t at) {
  std::size_t crlf = data.find("\r\n\r\n", at);
  std::size_t lf = data.find("\n\n", at);
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) return crlf + 4;
  return lf == std::string_view::npos ? std::string_view::npos : lf + 2;
}

// The size line of a chunk ("1a3f", "1a3f;name=value"), or nullopt when it holds no hex digits or more than fit.
std::optional<std::size_t> ChunkSize(std::string_view line) {
  std::size_t size = 0, digits = 0;
  for (char c : line) {
    int digit = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (digit < 0) break;
    if (size > (std::numeric_limits<std::size_t>::max() >> 4)) return std::nullopt;
    size = size << 4 | static_cast<std::size_t>(digit);
    ++digits;
  }
  return digits > 0 ? std::optional(size) : std::nullopt;
}

// Undoes HTTP chunked transfer coding. A chunk that claims more than is left (a truncated record, or a size such as
// FFFFFFFFFFFFFFEB that once wrapped the offsets and re-read the same line for ever) keeps what is there and
// ends the body, so each byte is read once.
std::string Dechunk(std::string_view body) {
  std::string out;
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t eol = body.find('\n', at);
    if (eol == std::string_view::npos) break;
    std::optional<std::size_t> size = ChunkSize(body.substr(at, eol - at));
    if (!size || *size == 0) break;
    std::string_view data = body.substr(eol + 1);
    out.append(data.substr(0, *size));
    if (*size >= data.size()) break;
    at = eol + 1 + *size;
    if (body.substr(at, 2) == "\r\n") at += 2;
    else if (body.substr(at, 1) == "\n") at += 1;
  }
  return out;
}

// The decompressed archive as a window of bytes that slides forward record by record.
class RecordStream {
 public:
  explicit RecordStream(DecompressingFileReader& reader) : reader_(reader) {}

  // Makes at least `count` bytes available from the window's start; false when the stream ends first.
  bool Fill(std::size_t count) {
    while (window().size() < count) {
      if (reader_.Read(std::max(kChunk, count - window().size()), &buffer_) == 0) return false;
    }
    return true;
  }
  // Reads on until the window holds a whole header block; its end, or npos (stream ended, or block too long).
  std::size_t FillHeader() {
    for (std::size_t searched = 0;;) {
      std::size_t end = HeaderEnd(window(), searched > 3 ? searched - 3 : 0);
      if (end != std::string_view::npos) return end;
      searched = window().size();
      if (searched > kMaxHeaderBytes || reader_.Read(kChunk, &buffer_) == 0) return std::string_view::npos;
    }
  }
  std::string_view window() const { return std::string_view(buffer_).substr(start_); }
  std::uint64_t offset() const { return consumed_; }
  // Drops `count` bytes from the window's start, reading and discarding past what is buffered.
  bool Skip(std::uint64_t count) {
    while (count > 0) {
      if (window().empty() && !Fill(1)) return false;
      std::size_t step = static_cast<std::size_t>(std::min<std::uint64_t>(count, window().size()));
      start_ += step;
      consumed_ += step;
      count -= step;
      if (start_ > kChunk && start_ * 2 > buffer_.size()) {
        buffer_.erase(0, start_);
        start_ = 0;
      }
    }
    return true;
  }
  // Skips the line breaks between records; false when there are more than kMaxPadding of them (10 GB of
  // newlines in a small .warc.gz must not keep a run busy for minutes).
  bool SkipLineBreaks() {
    for (std::size_t skipped = 0; Fill(1);) {
      std::size_t breaks = std::min(window().find_first_not_of("\r\n"), window().size());
      if (breaks == 0) return true;
      if ((skipped += breaks) > kMaxPadding) return false;
      Skip(breaks);
    }
    return true;
  }
  // Moves to the next line that starts with "WARC/"; false when the stream has none. How reading goes on after a
  // record whose Content-Length is wrong.
  bool SkipToRecordStart() {
    while (true) {
      std::size_t found = window().find("\nWARC/");
      if (found != std::string_view::npos) return Skip(found + 1);
      if (window().size() > 6) Skip(window().size() - 6);
      if (reader_.Read(kChunk, &buffer_) == 0) return false;
    }
  }
  // Whether the window starts where a record may follow one: at line breaks, at "WARC/", or at the end.
  bool AtRecordBoundary(std::size_t at) {
    Fill(at + 16);
    std::string_view next = window().substr(std::min(at, window().size()));
    next.remove_prefix(std::min(next.find_first_not_of("\r\n"), next.size()));
    return "WARC/"sv.starts_with(next.substr(0, 5));  // true at the end too, and on a record cut short
  }

 private:
  DecompressingFileReader& reader_;
  std::string buffer_;
  std::size_t start_ = 0;
  std::uint64_t consumed_ = 0;
};

// A response record's HTTP message (its header block complete) as a document; false when it is not a page
// worth handing on (a redirect, an image, ...), or when its body cannot be decoded (then *problem says why).
bool ToDocument(std::string_view block, const Headers& warc, std::string_view source_name, FetchedDocument* document,
                std::string* problem) {
  std::size_t body_start = HeaderEnd(block, 0);
  Headers http;
  std::string status_line;
  ParseHeaderLines(block.substr(0, body_start), &status_line, &http);
  document->source = std::string(source_name);
  document->url = warc.count("warc-target-uri") ? warc.at("warc-target-uri") : "";
  document->final_url = document->url;
  document->http_status = std::atoi(status_line.substr(status_line.find(' ') + 1).c_str());
  document->content_type = http["content-type"];
  document->fetched_at = warc.count("warc-date") ? warc.at("warc-date") : "";
  document->warc_date = document->fetched_at;
  document->etag = http["etag"];
  document->last_modified = http["last-modified"];
  std::string body(block.substr(body_start));
  if (AsciiLower(http["transfer-encoding"]).find("chunked") != std::string::npos) body = Dechunk(body);
  if (IsGzip(body)) {
    std::string inflated;
    DecodeResult inflating = Gunzip(body, &inflated, kMaxPageBytes);
    if (inflating != DecodeResult::kComplete) {
      *problem = inflating == DecodeResult::kTooLarge
                     ? "gzip body inflates to more than " + std::to_string(kMaxPageBytes >> 20) + " MB"
                     : "gzip body is truncated or corrupt";
      return false;
    }
    body = std::move(inflated);
  }
  document->body = std::move(body);
  return document->http_status >= 200 && document->http_status < 300 && IsPageType(document->content_type);
}

// A WARC Content-Length: decimal digits only, and no more than fit.
std::optional<std::uint64_t> ContentLength(std::string_view value) {
  value.remove_suffix(value.size() - std::min(value.find_last_not_of(" \t") + 1, value.size()));
  if (value.empty() || value.size() > 19) return std::nullopt;
  std::uint64_t length = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return std::nullopt;
    length = length * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return length;
}

bool IsResponse(const Headers& warc) {
  auto type = warc.find("warc-type"), content_type = warc.find("content-type");
  return type != warc.end() && type->second == "response" && content_type != warc.end() &&
         content_type->second.find("application/http") != std::string::npos;
}

}  // namespace

void ReadWarc(const std::string& path, std::string_view source_name, const DocumentSink& sink, SourceReport* report) {
  report->source = std::string(source_name);
  auto fail = [&](std::string reason) {
    report->failures.push_back({path, std::string(source_name), std::move(reason), 0, true, ""});
    ++report->failed;
  };
  DecompressingFileReader reader(path);
  if (!reader.opened()) return fail(path + ": cannot open WARC file");
  RecordStream stream(reader);
  while (true) {
    if (!stream.SkipLineBreaks()) {
      return fail(path + ": more than 1 MB of line breaks at byte " + std::to_string(stream.offset()));
    }
    if (!stream.Fill(1)) break;
    std::uint64_t record_offset = stream.offset();
    std::string at_byte = " at byte " + std::to_string(record_offset);
    if (stream.Fill(5) && stream.window().substr(0, 5) != "WARC/") {
      fail(path + ": not a WARC record" + at_byte + (record_offset == 0 ? "" : "; reading on from the next record"));
      if (!stream.SkipToRecordStart()) break;
      continue;
    }
    std::size_t header_end = stream.FillHeader();
    if (header_end == std::string_view::npos) return fail(path + ": truncated WARC record header" + at_byte);
    Headers warc;
    std::string version;
    ParseHeaderLines(stream.window().substr(0, header_end), &version, &warc);
    std::string uri = warc["warc-target-uri"];
    std::optional<std::uint64_t> length = ContentLength(warc["content-length"]);
    stream.Skip(header_end);
    if (!length) {
      fail(path + ": record" + at_byte + " has no valid Content-Length; reading on from the next record");
      if (!stream.SkipToRecordStart()) break;
      continue;
    }
    if (*length > kMaxPageBytes) {  // video and the like: skipped without holding it
      if (!stream.Skip(*length)) return fail(path + ": truncated WARC record" + at_byte + " (" + uri + ")");
      if (IsResponse(warc)) {
        fail(path + ": record for " + uri + at_byte + " is larger than " + std::to_string(kMaxPageBytes >> 20) +
             " MB");
      }
      continue;
    }
    auto size = static_cast<std::size_t>(*length);
    // A length that does not end where the next record starts loses its record, not the ones after it.
    bool complete = stream.Fill(size);
    if (!complete || !stream.AtRecordBoundary(size)) {
      fail(path + (complete ? ": record" + at_byte + " has a Content-Length that does not end at the next record"
                            : ": WARC record" + at_byte + " is truncated or its Content-Length is too large") +
           (uri.empty() ? "" : " (" + uri + ")") + "; reading on from the next record");
      if (!stream.SkipToRecordStart()) break;
      continue;
    }
    if (!IsResponse(warc)) {
      stream.Skip(size);
      continue;
    }
    // A page is known by its http(s) URL; javascript:, data:, file: or no target at all is not one.
    if (!CanonicalizeUrl(uri).ok()) {
      fail(path + ": response record" + at_byte + " has target URI '" + uri + "', not an http(s) URL; not stored");
      stream.Skip(size);
      continue;
    }
    std::string_view block = stream.window().substr(0, size);
    if (HeaderEnd(block, 0) == std::string_view::npos) {
      fail(path + ": record for " + uri + at_byte + " has a malformed HTTP response");
      stream.Skip(size);
      continue;
    }
    FetchedDocument document;
    std::string problem;
    bool is_page = ToDocument(block, warc, source_name, &document, &problem);
    stream.Skip(size);
    if (!problem.empty()) fail(path + ": record for " + uri + at_byte + ": " + problem);
    if (!is_page) continue;
    ++report->documents;
    report->bytes_read = reader.file_bytes_read();
    sink(std::move(document));
  }
  report->bytes_read = reader.file_bytes_read();
  if (reader.result() != DecodeResult::kComplete) {
    fail(path + ": gzip data is truncated or corrupt after the last whole record");
  }
}

}  // namespace tradewire
