// The ingest configuration (TOML). Unknown keys are errors that name the key and its line, so a typo in a
// nightly cron config fails loudly instead of being ignored.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/status.h"

namespace tradewire {

struct SourceConfig {
  std::string name;
  std::string kind;  // feed | sitemap | urls | warc | dir
  std::string url;   // feed, sitemap (and urls when the list itself is served over HTTP)
  std::string path;  // urls, warc, dir (relative paths are resolved against the config file's folder)
  std::string since; // sitemap: skip entries last modified before this ISO date
};

struct FetchConfig {
  std::string user_agent = "tradewire/0.1 (trade-policy news monitor)";
  double timeout_s = 30;          // whole transfer
  double connect_timeout_s = 10;
  std::int64_t max_bytes = 10 << 20;
  int per_host_delay_ms = 1000;   // at least this long between two requests to one host
  int concurrency = 8;            // connections in flight, all hosts
  int per_host_connections = 2;
  int max_attempts = 4;           // per URL per run, for retryable failures
  double low_speed_bytes_per_s = 100;  // slower than this for low_speed_time_s aborts the transfer
  double low_speed_time_s = 15;
  int retry_base_ms = 1000;       // first retry after about this long, doubling with jitter (at most 30 s)
  std::string proxy;              // empty: the usual environment variables apply
  bool obey_robots = true;
  bool refetch_stored = false;    // fetch article URLs already stored again (conditionally)
  // false: URLs learned from a public listing or redirect may not reach private or metadata addresses
  bool allow_private_networks = false;
  // Not a config key: loopback addresses the tests' servers stand on to play the public web, since a test
  // machine has no public address of its own to serve a public listing from.
  std::vector<std::string> addresses_taken_as_public;

  bool operator==(const FetchConfig&) const = default;
};

struct StoreConfig {
  std::string path;  // SQLite file
};

struct Config {
  std::vector<SourceConfig> sources;
  FetchConfig fetch;
  StoreConfig store;
  std::string base_dir;  // folder of the config file: relative paths are resolved against it
};

// A key the parser accepts: `key` in [table] ([[source]] for "source"). Unknown keys are refused, and the sample
// config (scripts/packaging/tradewire.toml) and the README's configuration reference are tested against this
// list, so a key added here is not done until it is documented in both.
struct ConfigKey {
  std::string_view table;  // "fetch", "store" or "source"
  std::string_view key;
};
std::span<const ConfigKey> ConfigKeys();

// Parses TOML text; `name` is used in error messages (usually the file's path).
StatusOr<Config> ParseConfig(std::string_view toml_text, std::string_view name);
// Reads and parses the file.
StatusOr<Config> LoadConfig(const std::string& path);

}  // namespace tradewire
