#include "pipeline/url/canonical.h"

#include <uriparser/Uri.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace tradewire {
namespace {

// Query parameters that identify the click, campaign or share, never the page.
constexpr std::array<std::string_view, 14> kTrackingParameters = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "mc_cid", "mc_eid", "_ga",    "_gl",    "ocid",
};

// Owns a parsed UriUriA. The parsed ranges point into the string that was parsed, so that string must outlive
// the ParsedUri.
class ParsedUri {
 public:
  ParsedUri() = default;
  ParsedUri(const ParsedUri&) = delete;
  ParsedUri& operator=(const ParsedUri&) = delete;
  ~ParsedUri() { uriFreeUriMembersA(&uri_); }

  UriUriA* get() { return &uri_; }
  const UriUriA& operator*() const { return uri_; }

 private:
  UriUriA uri_{};
};

std::string_view Range(const UriTextRangeA& range) {
  if (range.first == nullptr || range.afterLast == nullptr) return {};
  return std::string_view(range.first, static_cast<std::size_t>(range.afterLast - range.first));
}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// What a browser does to an href before parsing it: trims surrounding white space, drops tabs and line breaks
// inside, percent-encodes what RFC 3986 does not allow literally (spaces, non-ASCII bytes, a few symbols), so
// that real-world links like "/뉴스/기사 1.html" parse instead of failing.
std::string PrepareForParsing(std::string_view raw) {
  while (!raw.empty() && IsAsciiSpace(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && IsAsciiSpace(raw.back())) raw.remove_suffix(1);
  static constexpr char kHex[] = "0123456789ABCDEF";
  static constexpr std::string_view kEncodeAlways = " \"<>\\^`{|}";
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (byte >= 0x80 || byte < 0x20 || kEncodeAlways.find(c) != std::string_view::npos) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

std::string Quote(std::string_view s) {
  constexpr std::size_t kMaxShown = 200;
  if (s.size() <= kMaxShown) return "'" + std::string(s) + "'";
  return "'" + std::string(s.substr(0, kMaxShown)) + "…'";
}

Status Parse(const std::string& prepared, std::string_view original, ParsedUri& parsed) {
  const char* error_pos = nullptr;
  const int rc = uriParseSingleUriExA(parsed.get(), prepared.data(), prepared.data() + prepared.size(), &error_pos);
  if (rc != URI_SUCCESS) {
    const auto column = error_pos != nullptr ? static_cast<std::size_t>(error_pos - prepared.data()) : 0;
    return Status::InvalidArgument("malformed URL " + Quote(original) + " (syntax error at character " +
                                   std::to_string(column) + ")");
  }
  return Status::Ok();
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

bool IsTrackingParameter(std::string_view key) {
  const std::string lower = ToLowerAscii(key);
  if (lower.starts_with("utm_")) return true;
  return std::find(kTrackingParameters.begin(), kTrackingParameters.end(), lower) != kTrackingParameters.end();
}

// Query pairs stay percent-encoded as written (after NormalizeSyntax upper-cased the escapes); only their order
// and the tracking parameters change. Sorting by key first keeps "a=2&a=1" distinct from "a=1&a=2" only in
// order, which is acceptable: repeated keys are rare in article URLs.
std::string CanonicalQuery(std::string_view query) {
  std::vector<std::string_view> kept;
  std::size_t begin = 0;
  while (begin <= query.size()) {
    std::size_t end = query.find('&', begin);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(begin, end - begin);
    const std::string_view key = pair.substr(0, pair.find('='));
    if (!pair.empty() && !IsTrackingParameter(key)) kept.push_back(pair);
    begin = end + 1;
  }
  std::sort(kept.begin(), kept.end());
  std::string out;
  for (std::string_view pair : kept) {
    out += out.empty() ? "" : "&";
    out += pair;
  }
  return out;
}

std::string Host(const UriUriA& uri) {
  std::string host = ToLowerAscii(Range(uri.hostText));
  // "example.com." and "example.com" name the same host.
  if (host.size() > 1 && host.back() == '.') host.pop_back();
  if (uri.hostData.ip6 != nullptr || uri.hostData.ipFuture.first != nullptr) return "[" + host + "]";
  return host;
}

// "www.example.com" and "example.com" serve one site; a declared canonical URL may use either.
std::string_view SiteOf(std::string_view host) {
  if (host.starts_with("www.")) host.remove_prefix(4);
  return host;
}

}  // namespace

StatusOr<std::string> CanonicalizeUrl(std::string_view url) {
  const std::string prepared = PrepareForParsing(url);
  ParsedUri parsed;
  TW_RETURN_IF_ERROR(Parse(prepared, url, parsed));
  const std::string scheme = ToLowerAscii(Range((*parsed).scheme));
  if (scheme != "http" && scheme != "https") {
    return Status::InvalidArgument("not an absolute http(s) URL: " + Quote(url));
  }
  if (Range((*parsed).hostText).empty()) return Status::InvalidArgument("URL without a host: " + Quote(url));
  if (uriNormalizeSyntaxA(parsed.get()) != URI_SUCCESS) {
    return Status::InvalidArgument("cannot normalize URL " + Quote(url));
  }
  const UriUriA& uri = *parsed;

  std::string out = scheme + "://";
  if (const std::string_view user_info = Range(uri.userInfo); !user_info.empty()) {
    out += user_info;
    out += '@';
  }
  out += Host(uri);
  const std::string_view port = Range(uri.portText);
  const bool default_port = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  if (!port.empty() && !default_port) {
    out += ':';
    out += port;
  }
  if (uri.pathHead == nullptr) out += '/';
  for (const UriPathSegmentA* segment = uri.pathHead; segment != nullptr; segment = segment->next) {
    out += '/';
    out += Range(segment->text);
  }
  if (const std::string query = CanonicalQuery(Range(uri.query)); !query.empty()) {
    out += '?';
    out += query;
  }
  return out;
}

StatusOr<std::string> ResolveUrl(std::string_view base, std::string_view reference) {
  const std::string prepared_base = PrepareForParsing(base);
  const std::string prepared_reference = PrepareForParsing(reference);
  ParsedUri parsed_base;
  ParsedUri parsed_reference;
  TW_RETURN_IF_ERROR(Parse(prepared_base, base, parsed_base));
  TW_RETURN_IF_ERROR(Parse(prepared_reference, reference, parsed_reference));
  if (Range((*parsed_base).scheme).empty()) {
    return Status::InvalidArgument("base URL is not absolute: " + Quote(base));
  }
  ParsedUri resolved;
  if (uriAddBaseUriA(resolved.get(), parsed_reference.get(), parsed_base.get()) != URI_SUCCESS) {
    return Status::InvalidArgument("cannot resolve " + Quote(reference) + " against " + Quote(base));
  }
  int chars_required = 0;
  if (uriToStringCharsRequiredA(resolved.get(), &chars_required) != URI_SUCCESS) {
    return Status::Internal("cannot serialize URL resolved from " + Quote(reference));
  }
  std::string out(static_cast<std::size_t>(chars_required) + 1, '\0');
  int written = 0;
  if (uriToStringA(out.data(), resolved.get(), chars_required + 1, &written) != URI_SUCCESS) {
    return Status::Internal("cannot serialize URL resolved from " + Quote(reference));
  }
  out.resize(static_cast<std::size_t>(written > 0 ? written - 1 : 0));  // `written` counts the terminator
  return out;
}

std::string PreferredUrl(std::string_view fetched_url, std::string_view declared_canonical) {
  StatusOr<std::string> fetched = CanonicalizeUrl(fetched_url);
  if (!declared_canonical.empty()) {
    // A relative declared URL ("/news/1") is the page's own site by construction.
    StatusOr<std::string> absolute = ResolveUrl(fetched_url, declared_canonical);
    StatusOr<std::string> declared =
        absolute.ok() ? CanonicalizeUrl(*absolute) : StatusOr<std::string>(absolute.status());
    if (declared.ok()) {
      if (!fetched.ok()) return *declared;
      ParsedUri a;
      ParsedUri b;
      if (Parse(*fetched, fetched_url, a).ok() && Parse(*declared, declared_canonical, b).ok() &&
          SiteOf(Host(*a)) == SiteOf(Host(*b))) {
        return *declared;
      }
    }
  }
  if (fetched.ok()) return *fetched;
  // Not an http(s) URL (file://, a bare path): there is nothing to canonicalize; keep it as given.
  return std::string(fetched_url);
}

}  // namespace tradewire
