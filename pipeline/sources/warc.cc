// ReadWarc (declared in sources.h): WARC 1.0/1.1 archives, plain or .warc.gz, read record by record so that an
// archive of any size is read in bounded memory.
#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <string>

#include "extractors/text/utf8.h"
#include "pipeline/compression.h"
#include "pipeline/sources/sources.h"

namespace tradewire {
namespace {

constexpr std::size_t kChunk = 1 << 16;
constexpr std::size_t kMaxHeaderBytes = 1 << 20;     // a WARC or HTTP header block longer than this is corrupt
constexpr std::size_t kMaxKeptRecord = 64u << 20;    // larger response records (video, say) are skipped

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
  void SkipLineBreaks() {
    while (Fill(1) && (window()[0] == '\r' || window()[0] == '\n')) Skip(1);
  }

 private:
  DecompressingFileReader& reader_;
  std::string buffer_;
  std::size_t start_ = 0;
  std::uint64_t consumed_ = 0;
};

// A response record's HTTP message (its header block complete) as a document; false when it is not a page
// worth handing on (a redirect, an image, ...).
bool ToDocument(std::string_view block, const Headers& warc, std::string_view source_name, FetchedDocument* document) {
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
  document->etag = http["etag"];
  document->last_modified = http["last-modified"];
  std::string body(block.substr(body_start));
  if (AsciiLower(http["transfer-encoding"]).find("chunked") != std::string::npos) body = Dechunk(body);
  if (IsGzip(body)) {
    std::string inflated;
    Gunzip(body, &inflated, kMaxKeptRecord);
    body = std::move(inflated);
  }
  document->body = std::move(body);
  return document->http_status >= 200 && document->http_status < 300 && IsPageType(document->content_type);
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
    stream.SkipLineBreaks();
    if (!stream.Fill(1)) break;
    std::uint64_t record_offset = stream.offset();
    std::string at_byte = " at byte " + std::to_string(record_offset);
    if (stream.Fill(5) && stream.window().substr(0, 5) != "WARC/") return fail(path + ": not a WARC record" + at_byte);
    std::size_t header_end = stream.FillHeader();
    if (header_end == std::string_view::npos) return fail(path + ": truncated WARC record header" + at_byte);
    Headers warc;
    std::string version;
    ParseHeaderLines(stream.window().substr(0, header_end), &version, &warc);
    if (!warc.count("content-length")) return fail(path + ": WARC record without Content-Length" + at_byte);
    std::uint64_t length = std::strtoull(warc["content-length"].c_str(), nullptr, 10);
    std::string uri = warc["warc-target-uri"];
    stream.Skip(header_end);
    bool wanted = warc["warc-type"] == "response" && warc["content-type"].find("application/http") != std::string::npos;
    if (!wanted || length > kMaxKeptRecord) {
      if (wanted) fail(path + ": record for " + uri + " is larger than " + std::to_string(kMaxKeptRecord) + " bytes");
      if (!stream.Skip(length)) return fail(path + ": truncated WARC record" + at_byte + " (" + uri + ")");
      continue;
    }
    if (!stream.Fill(static_cast<std::size_t>(length))) {
      return fail(path + ": truncated WARC record" + at_byte + " (" + uri + ")");
    }
    std::string_view block = stream.window().substr(0, length);
    if (HeaderEnd(block, 0) == std::string_view::npos) {
      fail(path + ": record for " + uri + at_byte + " has a malformed HTTP response");
      stream.Skip(length);
      continue;
    }
    FetchedDocument document;
    bool is_page = ToDocument(block, warc, source_name, &document);
    stream.Skip(length);
    if (!is_page) continue;
    ++report->documents;
    sink(std::move(document));
  }
  if (reader.result() != DecodeResult::kComplete) {
    fail(path + ": gzip data is truncated or corrupt after the last whole record");
  }
}

}  // namespace tradewire
