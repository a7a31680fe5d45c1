#include "pipeline/config/config.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "extractors/text/calendar.h"
#include "pipeline/url/canonical.h"

namespace tradewire {
namespace {

// ConfigKeys(); the top level's keys are the tables.
constexpr ConfigKey kConfigKeys[] = {
    {"fetch", "user_agent"}, {"fetch", "timeout_s"}, {"fetch", "connect_timeout_s"}, {"fetch", "max_bytes"},
    {"fetch", "per_host_delay_ms"}, {"fetch", "concurrency"}, {"fetch", "per_host_connections"},
    {"fetch", "max_attempts"}, {"fetch", "low_speed_bytes_per_s"}, {"fetch", "low_speed_time_s"},
    {"fetch", "retry_base_ms"}, {"fetch", "proxy"}, {"fetch", "obey_robots"}, {"fetch", "refetch_stored"},
    {"fetch", "allow_private_networks"},
    {"store", "path"},
    {"source", "name"}, {"source", "kind"}, {"source", "url"}, {"source", "path"}, {"source", "since"},
};

std::string Where(std::string_view name, const toml::source_region& region) {
  std::ostringstream out;
  out << name << ":" << region.begin.line;
  return out.str();
}

// Whether ConfigKeys() lists `key` in `table_key`'s table; with an empty `table_key`, whether `key` names a table.
bool IsConfigKey(std::string_view table_key, std::string_view key) {
  return std::any_of(std::begin(kConfigKeys), std::end(kConfigKeys), [&](const ConfigKey& known) {
    return table_key.empty() ? known.table == key : known.table == table_key && known.key == key;
  });
}

// Checks that every key of `table` is one ConfigKeys() lists for it (`table_key`: "fetch", "store", "source"; empty
// for the top level, whose keys are the tables).
Status CheckKeys(const toml::table& table, std::string_view table_key, std::string_view name,
                 std::string_view table_name) {
  for (const auto& [key, node] : table) {
    if (!IsConfigKey(table_key, key.str())) {
      return Status::InvalidArgument(Where(name, node.source()) + ": unknown key '" + std::string(key.str()) +
                                     "' in " + std::string(table_name));
    }
  }
  return Status::Ok();
}

template <typename T>
Status Read(const toml::table& table, std::string_view key, T* out, std::string_view name) {
  const toml::node* node = table.get(key);
  if (!node) return Status::Ok();
  std::optional<T> value;
  if constexpr (std::is_same_v<T, double>) {
    if (auto i = node->value<std::int64_t>(); i && node->is_integer()) value = static_cast<double>(*i);
    else value = node->value<double>();
  } else {
    value = node->value_exact<T>();
  }
  if (!value) {
    const char* expected = std::is_same_v<T, std::string> ? "a string"
                           : std::is_same_v<T, bool>      ? "true or false"
                                                          : "a number";
    return Status::InvalidArgument(Where(name, node->source()) + ": '" + std::string(key) + "' must be " +
                                   expected);
  }
  *out = std::move(*value);
  return Status::Ok();
}

std::string FormatNumber(double value) {
  std::ostringstream out;
  out << std::setprecision(17) << value;
  return out.str();
}

// Reads a [fetch] number and refuses one outside [min, max] (or a fraction where a whole number is meant), so that
// nothing wraps (concurrency = 4294967297 was 1) or waits for weeks (retry_base_ms = 2147483647).
template <typename T>
Status ReadInRange(const toml::table& table, std::string_view key, T* out, double min, double max,
                   std::string_view name) {
  const toml::node* node = table.get(key);
  if (!node) return Status::Ok();
  double value = 0;
  TW_RETURN_IF_ERROR(Read(table, key, &value, name));
  const std::string where = Where(name, node->source()) + ": [fetch] " + std::string(key);
  if (std::is_integral_v<T> && value != std::floor(value)) {
    return Status::InvalidArgument(where + " must be a whole number, not " + FormatNumber(value));
  }
  if (!(value >= min && value <= max)) {
    return Status::InvalidArgument(where + " must be from " + FormatNumber(min) + " to " + FormatNumber(max) +
                                   ", not " + FormatNumber(value));
  }
  *out = static_cast<T>(value);
  return Status::Ok();
}

Status ParseFetch(const toml::table& t, FetchConfig* fetch, std::string_view name) {
  TW_RETURN_IF_ERROR(CheckKeys(t, "fetch", name, "[fetch]"));
  TW_RETURN_IF_ERROR(Read(t, "user_agent", &fetch->user_agent, name));
  constexpr double kDay = 86400;
  TW_RETURN_IF_ERROR(ReadInRange(t, "timeout_s", &fetch->timeout_s, 0.001, kDay, name));
  TW_RETURN_IF_ERROR(ReadInRange(t, "connect_timeout_s", &fetch->connect_timeout_s, 0.001, 3600, name));
  TW_RETURN_IF_ERROR(ReadInRange(t, "max_bytes", &fetch->max_bytes, 1, 4.0 * (1 << 30), name));  // held in memory
  TW_RETURN_IF_ERROR(ReadInRange(t, "per_host_delay_ms", &fetch->per_host_delay_ms, 0, 3600 * 1000, name));
  TW_RETURN_IF_ERROR(ReadInRange(t, "concurrency", &fetch->concurrency, 1, 1024, name));
  TW_RETURN_IF_ERROR(ReadInRange(t, "per_host_connections", &fetch->per_host_connections, 1, 64, name));
  TW_RETURN_IF_ERROR(ReadInRange(t, "max_attempts", &fetch->max_attempts, 1, 100, name));
  TW_RETURN_IF_ERROR(ReadInRange(t, "low_speed_bytes_per_s", &fetch->low_speed_bytes_per_s, 0, 1e9, name));
  TW_RETURN_IF_ERROR(ReadInRange(t, "low_speed_time_s", &fetch->low_speed_time_s, 0, kDay, name));
  TW_RETURN_IF_ERROR(Read(t, "proxy", &fetch->proxy, name));
  TW_RETURN_IF_ERROR(Read(t, "obey_robots", &fetch->obey_robots, name));
  // A retry waits at most 30 s within a run, so a base beyond a minute only delays the first retry.
  TW_RETURN_IF_ERROR(ReadInRange(t, "retry_base_ms", &fetch->retry_base_ms, 0, 60 * 1000, name));
  TW_RETURN_IF_ERROR(Read(t, "refetch_stored", &fetch->refetch_stored, name));
  TW_RETURN_IF_ERROR(Read(t, "allow_private_networks", &fetch->allow_private_networks, name));
  if (fetch->user_agent.empty()) return Status::InvalidArgument(std::string(name) + ": [fetch] user_agent is empty");
  return Status::Ok();
}

Status ParseSource(const toml::table& t, SourceConfig* source, std::string_view name) {
  TW_RETURN_IF_ERROR(CheckKeys(t, "source", name, "[[source]]"));
  TW_RETURN_IF_ERROR(Read(t, "name", &source->name, name));
  TW_RETURN_IF_ERROR(Read(t, "kind", &source->kind, name));
  TW_RETURN_IF_ERROR(Read(t, "url", &source->url, name));
  TW_RETURN_IF_ERROR(Read(t, "path", &source->path, name));
  TW_RETURN_IF_ERROR(Read(t, "since", &source->since, name));
  const std::string where = Where(name, t.source());
  if (!source->since.empty() && !(source->since.size() == 10 && ParseIsoDay(source->since))) {  // a day
    return Status::InvalidArgument(Where(name, t.get("since")->source()) + ": 'since' must be an ISO date like "
                                   "2025-05-20, not '" + source->since + "'");
  }
  if (source->name.empty()) return Status::InvalidArgument(where + ": [[source]] needs a name");
  static const std::set<std::string_view> kKinds = {"feed", "sitemap", "urls", "warc", "dir"};
  if (!kKinds.count(source->kind)) {
    return Status::InvalidArgument(where + ": source '" + source->name + "' has kind '" + source->kind +
                                   "'; expected feed, sitemap, urls, warc or dir");
  }
  const bool wants_url = source->kind == "feed" || source->kind == "sitemap";
  if (wants_url && source->url.empty()) {
    return Status::InvalidArgument(where + ": source '" + source->name + "' of kind " + source->kind +
                                   " needs a url");
  }
  if (!source->url.empty() && !CanonicalizeUrl(source->url).ok()) {
    return Status::InvalidArgument(Where(name, t.get("url")->source()) + ": source '" + source->name + "' has url '" +
                                   source->url + "', which is not an http(s) URL");
  }
  if (!wants_url && source->path.empty() && !(source->kind == "urls" && !source->url.empty())) {
    return Status::InvalidArgument(where + ": source '" + source->name + "' of kind " + source->kind +
                                   " needs a path");
  }
  return Status::Ok();
}

}  // namespace

std::span<const ConfigKey> ConfigKeys() { return kConfigKeys; }

StatusOr<Config> ParseConfig(std::string_view toml_text, std::string_view name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, name);
  } catch (const toml::parse_error& e) {
    std::ostringstream out;
    out << name << ":" << e.source().begin.line << ": " << e.description();
    return Status::InvalidArgument(out.str());
  }
  TW_RETURN_IF_ERROR(CheckKeys(root, "", name, "the top level"));
  Config config;
  if (const toml::node* node = root.get("fetch")) {
    const toml::table* fetch = node->as_table();
    if (!fetch) return Status::InvalidArgument(Where(name, node->source()) + ": [fetch] must be a table");
    TW_RETURN_IF_ERROR(ParseFetch(*fetch, &config.fetch, name));
  }
  if (const toml::node* node = root.get("store")) {
    const toml::table* store = node->as_table();
    if (!store) return Status::InvalidArgument(Where(name, node->source()) + ": [store] must be a table");
    TW_RETURN_IF_ERROR(CheckKeys(*store, "store", name, "[store]"));
    TW_RETURN_IF_ERROR(Read(*store, "path", &config.store.path, name));
  }
  if (const toml::node* node = root.get("source")) {
    const toml::array* sources = node->as_array();
    if (!sources || !sources->is_array_of_tables()) {
      return Status::InvalidArgument(Where(name, node->source()) + ": 'source' must be written as [[source]] tables");
    }
    std::set<std::string> names;
    for (const toml::node& element : *sources) {
      SourceConfig source;
      TW_RETURN_IF_ERROR(ParseSource(*element.as_table(), &source, name));
      if (!names.insert(source.name).second) {
        return Status::InvalidArgument(Where(name, element.source()) + ": two sources are named '" + source.name + "'");
      }
      config.sources.push_back(std::move(source));
    }
  }
  if (config.sources.empty()) return Status::InvalidArgument(std::string(name) + ": no [[source]] configured");
  return config;
}

StatusOr<Config> LoadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open config file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  StatusOr<Config> config = ParseConfig(text.str(), path);
  if (!config.ok()) return config;
  std::filesystem::path base = std::filesystem::absolute(path).parent_path();
  config->base_dir = base.string();
  for (SourceConfig& source : config->sources) {
    if (!source.path.empty() && std::filesystem::path(source.path).is_relative()) {
      source.path = (base / source.path).lexically_normal().string();
    }
  }
  if (!config->store.path.empty() && std::filesystem::path(config->store.path).is_relative()) {
    config->store.path = (base / config->store.path).lexically_normal().string();
  }
  return config;
}

}  // namespace tradewire
