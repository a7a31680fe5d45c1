// URL canonicalization: two URLs of one article become one string.
#pragma once

#include <string>
#include <string_view>

#include "extractors/status.h"

namespace tradewire {

// Lower-cases scheme and host, drops the default port, the fragment and tracking parameters (utm_*, fbclid,
// gclid, …), sorts the query, normalizes the path (dot segments, percent-encoding case).
// InvalidArgument for something that is not an absolute http(s) URL.
StatusOr<std::string> CanonicalizeUrl(std::string_view url);

// Resolves `reference` against `base` (RFC 3986). InvalidArgument when either is malformed.
StatusOr<std::string> ResolveUrl(std::string_view base, std::string_view reference);

// The URL the document should be known by: the page's declared canonical URL (rel=canonical, og:url) when it
// agrees with the fetched URL's host (a syndicating site pointing to the original is not trusted to merge
// documents), else the fetched URL; canonicalized either way.
std::string PreferredUrl(std::string_view fetched_url, std::string_view declared_canonical);

}  // namespace tradewire
