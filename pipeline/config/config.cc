#include "pipeline/config/config.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "extractors/tag/date_calendar.h"

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

Status ReadInt(const toml::table& table, std::string_view key, int* out, std::string_view name) {
  std::int64_t wide = *out;
  TW_RETURN_IF_ERROR(Read(table, key, &wide, name));
  *out = static_cast<int>(wide);
  return Status::Ok();
}

Status CheckPositive(double value, std::string_view key, std::string_view name) {
  if (value > 0) return Status::Ok();
  return Status::InvalidArgument(std::string(name) + ": [fetch] " + std::string(key) + " must be positive");
}

Status ParseFetch(const toml::table& t, FetchConfig* fetch, std::string_view name) {
  TW_RETURN_IF_ERROR(CheckKeys(t, "fetch", name, "[fetch]"));
  TW_RETURN_IF_ERROR(Read(t, "user_agent", &fetch->user_agent, name));
  TW_RETURN_IF_ERROR(Read(t, "timeout_s", &fetch->timeout_s, name));
  TW_RETURN_IF_ERROR(Read(t, "connect_timeout_s", &fetch->connect_timeout_s, name));
  TW_RETURN_IF_ERROR(Read(t, "max_bytes", &fetch->max_bytes, name));
  TW_RETURN_IF_ERROR(ReadInt(t, "per_host_delay_ms", &fetch->per_host_delay_ms, name));
  TW_RETURN_IF_ERROR(ReadInt(t, "concurrency", &fetch->concurrency, name));
  TW_RETURN_IF_ERROR(ReadInt(t, "per_host_connections", &fetch->per_host_connections, name));
  TW_RETURN_IF_ERROR(ReadInt(t, "max_attempts", &fetch->max_attempts, name));
  TW_RETURN_IF_ERROR(Read(t, "low_speed_bytes_per_s", &fetch->low_speed_bytes_per_s, name));
  TW_RETURN_IF_ERROR(Read(t, "low_speed_time_s", &fetch->low_speed_time_s, name));
  TW_RETURN_IF_ERROR(Read(t, "proxy", &fetch->proxy, name));
  TW_RETURN_IF_ERROR(Read(t, "obey_robots", &fetch->obey_robots, name));
  TW_RETURN_IF_ERROR(ReadInt(t, "retry_base_ms", &fetch->retry_base_ms, name));
  TW_RETURN_IF_ERROR(Read(t, "refetch_stored", &fetch->refetch_stored, name));
  TW_RETURN_IF_ERROR(Read(t, "allow_private_networks", &fetch->allow_private_networks, name));
  if (fetch->user_agent.empty()) return Status::InvalidArgument(std::string(name) + ": [fetch] user_agent is empty");
  TW_RETURN_IF_ERROR(CheckPositive(fetch->timeout_s, "timeout_s", name));
  TW_RETURN_IF_ERROR(CheckPositive(fetch->connect_timeout_s, "connect_timeout_s", name));
  TW_RETURN_IF_ERROR(CheckPositive(static_cast<double>(fetch->max_bytes), "max_bytes", name));
  TW_RETURN_IF_ERROR(CheckPositive(fetch->concurrency, "concurrency", name));
  TW_RETURN_IF_ERROR(CheckPositive(fetch->per_host_connections, "per_host_connections", name));
  TW_RETURN_IF_ERROR(CheckPositive(fetch->max_attempts, "max_attempts", name));
  if (fetch->per_host_delay_ms < 0) {
    return Status::InvalidArgument(std::string(name) + ": [fetch] per_host_delay_ms must not be negative");
  }
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
