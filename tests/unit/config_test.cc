#include <catch2/catch.hpp>

#include "pipeline/config/config.h"

using tradewire::ParseConfig;

TEST_CASE("a complete config parses") {
  auto config = ParseConfig(R"(
[fetch]
user_agent = "tw-test"
timeout_s = 5
max_bytes = 1000
per_host_delay_ms = 0

[store]
path = "x.db"

[[source]]
name = "wire"
kind = "feed"
url = "http://127.0.0.1:1/feed.xml"

[[source]]
name = "saved"
kind = "dir"
path = "pages"
)",
                            "test.toml");
  REQUIRE(config.ok());
  CHECK(config->fetch.user_agent == "tw-test");
  CHECK(config->fetch.timeout_s == 5.0);
  CHECK(config->fetch.max_bytes == 1000);
  CHECK(config->fetch.per_host_delay_ms == 0);
  CHECK(config->store.path == "x.db");
  REQUIRE(config->sources.size() == 2);
  CHECK(config->sources[1].kind == "dir");
}

TEST_CASE("unknown keys name the key and the line") {
  auto config = ParseConfig("[fetch]\nuser_agent = \"a\"\ntimeout = 3\n[[source]]\nname=\"a\"\nkind=\"dir\"\npath=\"p\"\n",
                            "cron.toml");
  REQUIRE_FALSE(config.ok());
  CHECK(config.status().message() == "cron.toml:3: unknown key 'timeout' in [fetch]");
}

TEST_CASE("bad configs are rejected with the reason") {
  auto check = [](const char* toml, const char* fragment) {
    auto config = ParseConfig(toml, "c.toml");
    REQUIRE_FALSE(config.ok());
    CHECK_THAT(config.status().message(), Catch::Contains(fragment));
  };
  check("[[source]]\nname=\"a\"\nkind=\"ftp\"\npath=\"p\"\n", "kind 'ftp'");
  check("[[source]]\nname=\"a\"\nkind=\"feed\"\n", "needs a url");
  check("[[source]]\nname=\"a\"\nkind=\"dir\"\n", "needs a path");
  check("[fetch]\ntimeout_s = \"ten\"\n[[source]]\nname=\"a\"\nkind=\"dir\"\npath=\"p\"\n", "'timeout_s' must be a number");
  check("[fetch]\nconcurrency = 0\n[[source]]\nname=\"a\"\nkind=\"dir\"\npath=\"p\"\n",
        "c.toml:2: [fetch] concurrency must be from 1 to 1024, not 0");
  check("[fetch]\nconcurrency = 4294967297\n[[source]]\nname=\"a\"\nkind=\"dir\"\npath=\"p\"\n",
        "c.toml:2: [fetch] concurrency must be from 1 to 1024, not 4294967297");
  check("[fetch]\nretry_base_ms = 2147483647\n[[source]]\nname=\"a\"\nkind=\"dir\"\npath=\"p\"\n",
        "[fetch] retry_base_ms must be from 0 to 60000, not 2147483647");
  check("[fetch]\nmax_attempts = 2.5\n[[source]]\nname=\"a\"\nkind=\"dir\"\npath=\"p\"\n",
        "[fetch] max_attempts must be a whole number, not 2.5");
  check("[fetch]\ntimeout_s = -1\n[[source]]\nname=\"a\"\nkind=\"dir\"\npath=\"p\"\n",
        "[fetch] timeout_s must be from 0.001 to 86400, not -1");
  check("[fetch]\nmax_bytes = 9223372036854775807\n[[source]]\nname=\"a\"\nkind=\"dir\"\npath=\"p\"\n",
        "[fetch] max_bytes must be from 1 to 4294967296");
  check("[[source]]\nname=\"a\"\nkind=\"feed\"\nurl = \"not a url\"\n",
        "c.toml:4: source 'a' has url 'not a url', which is not an http(s) URL");
  check("[[source]]\nname=\"a\"\nkind=\"urls\"\nurl = \"file:///etc/passwd\"\n", "not an http(s) URL");
  check("[[source]]\nname=\"a\"\nkind=\"dir\"\npath=\"p\"\n[[source]]\nname=\"a\"\nkind=\"dir\"\npath=\"q\"\n", "two sources");
  check("", "no [[source]]");
  check("[fetch\n", "c.toml:1");
  check("surprise = 1\n", "unknown key 'surprise' in the top level");
  check("[[source]]\nname=\"a\"\nkind=\"sitemap\"\nurl=\"http://x/s.xml\"\nsince=\"2025-13-45\"\n",
        "c.toml:5: 'since' must be an ISO date like 2025-05-20, not '2025-13-45'");
  check("[[source]]\nname=\"a\"\nkind=\"sitemap\"\nurl=\"http://x/s.xml\"\nsince=\"2025-05-20T10:00\"\n",
        "'since' must be an ISO date like 2025-05-20, not '2025-05-20T10:00'");
}
