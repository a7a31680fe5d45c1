#include <catch2/catch.hpp>

#include <string>

#include "pipeline/url/canonical.h"

namespace tradewire {
namespace {

std::string Canonical(std::string_view url) {
  StatusOr<std::string> canonical = CanonicalizeUrl(url);
  INFO(url << " → " << (canonical.ok() ? *canonical : canonical.status().ToString()));
  REQUIRE(canonical.ok());
  return *canonical;
}

TEST_CASE("CanonicalizeUrl lower-cases scheme and host but not the path") {
  CHECK(Canonical("HTTPS://WWW.Yna.CO.KR/view/AEN20250522000300320") ==
        "https://www.yna.co.kr/view/AEN20250522000300320");
}

TEST_CASE("CanonicalizeUrl drops default ports and keeps others") {
  CHECK(Canonical("http://example.com:80/a") == "http://example.com/a");
  CHECK(Canonical("https://example.com:443/a") == "https://example.com/a");
  CHECK(Canonical("https://example.com:80/a") == "https://example.com:80/a");
  CHECK(Canonical("http://127.0.0.1:8080/a") == "http://127.0.0.1:8080/a");
}

TEST_CASE("CanonicalizeUrl drops the fragment and tracking parameters and sorts the query") {
  CHECK(Canonical("https://example.com/news?id=7&utm_source=twitter&utm_MEDIUM=social#comments") ==
        "https://example.com/news?id=7");
  CHECK(Canonical("https://example.com/news?fbclid=IwAR0x&b=2&gclid=abc&a=1") == "https://example.com/news?a=1&b=2");
  CHECK(Canonical("https://example.com/news?utm_source=x") == "https://example.com/news");
  CHECK(Canonical("https://example.com/news?b=2&&a=1&") == "https://example.com/news?a=1&b=2");
}

TEST_CASE("CanonicalizeUrl normalizes dot segments, escapes and the empty path") {
  CHECK(Canonical("http://example.com") == "http://example.com/");
  CHECK(Canonical("http://example.com/a/./b/../c") == "http://example.com/a/c");
  CHECK(Canonical("http://example.com/a%2fb%7E") == "http://example.com/a%2Fb~");
  CHECK(Canonical("http://example.com/dir/") == "http://example.com/dir/");
  CHECK(Canonical("http://Example.COM./x") == "http://example.com/x");
  CHECK(Canonical("http://[::1]:8080/x") == "http://[::1]:8080/x");
}

TEST_CASE("CanonicalizeUrl makes two URLs of one article one string") {
  CHECK(Canonical("https://en.yna.co.kr/view/AEN20250522000300320?section=nk~index&utm_campaign=x#top") ==
        Canonical("HTTPS://en.yna.co.kr:443/view/./AEN20250522000300320?section=nk%7eindex"));
}

TEST_CASE("CanonicalizeUrl encodes what browsers encode instead of failing") {
  CHECK(Canonical("  https://example.com/뉴스/기사 1.html\n") ==
        "https://example.com/%EB%89%B4%EC%8A%A4/%EA%B8%B0%EC%82%AC%201.html");
}

TEST_CASE("CanonicalizeUrl rejects what is not an absolute http(s) URL, naming it") {
  for (const char* bad : {"", "/relative/path", "ftp://example.com/file", "mailto:someone@example.com",
                          "file:///tmp/page.html", "http://exa mple.com:port/", "http:///no-host"}) {
    StatusOr<std::string> canonical = CanonicalizeUrl(bad);
    INFO(bad);
    REQUIRE_FALSE(canonical.ok());
    CHECK(canonical.status().code() == Status::Code::kInvalidArgument);
    CHECK(canonical.status().message().find(std::string(bad).substr(0, 10)) != std::string::npos);
  }
}

TEST_CASE("ResolveUrl follows RFC 3986") {
  const std::string base = "http://a/b/c/d;p?q";
  // RFC 3986 section 5.4.1 normal examples.
  CHECK(*ResolveUrl(base, "g") == "http://a/b/c/g");
  CHECK(*ResolveUrl(base, "./g") == "http://a/b/c/g");
  CHECK(*ResolveUrl(base, "g/") == "http://a/b/c/g/");
  CHECK(*ResolveUrl(base, "/g") == "http://a/g");
  CHECK(*ResolveUrl(base, "//g") == "http://g");
  CHECK(*ResolveUrl(base, "?y") == "http://a/b/c/d;p?y");
  CHECK(*ResolveUrl(base, "#s") == "http://a/b/c/d;p?q#s");
  CHECK(*ResolveUrl(base, "../g") == "http://a/b/g");
  CHECK(*ResolveUrl(base, "../../g") == "http://a/g");
  CHECK(*ResolveUrl(base, "") == "http://a/b/c/d;p?q");
  CHECK(*ResolveUrl(base, "https://other.example/x") == "https://other.example/x");
}

TEST_CASE("ResolveUrl trims and encodes hrefs as browsers do") {
  CHECK(*ResolveUrl("https://example.com/news/", " \n article 1.html\t") == "https://example.com/news/article%201.html");
}

TEST_CASE("ResolveUrl rejects malformed or relative bases") {
  StatusOr<std::string> relative_base = ResolveUrl("/news/", "a.html");
  REQUIRE_FALSE(relative_base.ok());
  CHECK(relative_base.status().code() == Status::Code::kInvalidArgument);
  CHECK(relative_base.status().message().find("/news/") != std::string::npos);
  StatusOr<std::string> bad_reference = ResolveUrl("https://example.com/", "http://[broken/");
  REQUIRE_FALSE(bad_reference.ok());
  CHECK(bad_reference.status().message().find("[broken") != std::string::npos);
}

TEST_CASE("PreferredUrl trusts a declared canonical URL only on the fetched site") {
  // Same site, mobile/tracking variant fetched: the declared URL wins.
  CHECK(PreferredUrl("https://www.example.com/news/1?utm_source=rss", "https://example.com/news/1") ==
        "https://example.com/news/1");
  CHECK(PreferredUrl("https://example.com/amp/news/1", "/news/1") == "https://example.com/news/1");
  // A syndicating site pointing to the original stays its own document.
  CHECK(PreferredUrl("https://nationpress.example/story/99", "https://en.yna.co.kr/view/AEN1") ==
        "https://nationpress.example/story/99");
  // No declaration or a broken one: the fetched URL, canonicalized.
  CHECK(PreferredUrl("HTTPS://Example.com/a#x", "") == "https://example.com/a");
  CHECK(PreferredUrl("https://example.com/a", "http://[broken") == "https://example.com/a");
  // Not http(s) at all (a saved file): kept as given.
  CHECK(PreferredUrl("file:///data/page.html", "") == "file:///data/page.html");
}

}  // namespace
}  // namespace tradewire
