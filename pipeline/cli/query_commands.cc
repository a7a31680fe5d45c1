// The queries for a terminal and for scripts: events, mentions and search (pipeline/store/queries.h), printed as
// an aligned table, JSON Lines or CSV (pipeline/cli/rows.h). The CSV columns are documented in the README and stay
// in this order.
#include <cstdio>
#include <limits>
#include <memory>
#include <string>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/rows.h"
#include "pipeline/cli/usage.h"
#include "pipeline/store/queries.h"

namespace tradewire {
namespace {
using nlohmann::json;

constexpr const char* kFormatHelp = "output format (default: table on a terminal, else jsonl)";

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

// A JSON value as one cell: strings as they are, arrays '; '-joined, objects as 'key=value; …'.
std::string Flat(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) {
    std::string text = value.dump();
    return text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0 ? text.substr(0, text.size() - 2) : text;
  }
  std::vector<std::string> parts;
  if (value.is_array()) {
    for (const json& item : value) parts.push_back(Flat(item));
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (!item.is_null()) parts.push_back(key + "=" + Flat(item));
    }
  } else {
    return value.dump();
  }
  return Joined(parts);
}

std::string Attribute(const json& attributes, const char* key) {
  return attributes.contains(key) ? Flat(attributes[key]) : "";
}

// "tradewire: no official 'Chang Sung-kil' in this store; did you mean 'Chang Sung-gil'?"
void PrintNotes(const std::vector<UnknownName>& unknown) {
  for (const UnknownName& name : unknown) {
    std::string note = "tradewire: no " + name.what + " '" + name.typed + "' in this store";
    std::string nearest = NearestName(name.typed, name.known);
    if (!nearest.empty()) note += "; did you mean '" + nearest + "'?";
    std::fprintf(stderr, "%s\n", note.c_str());
  }
}

StatusOr<std::unique_ptr<Store>> OpenForReading(const std::string& db, const CliContext& context) {
  return Store::Open(db, context.schemas_dir, Store::Mode::kExisting);
}

void AddDateOptions(CLI::App* command, DateRange& dates, const char* what) {
  command->add_option("--since", dates.since, std::string("only ") + what + " from this day on")->check(IsoDate());
  command->add_option("--until", dates.until, std::string("only ") + what + " up to this day")->check(IsoDate());
}

// events: one row per event in its current state.
const std::vector<std::string> kEventColumns = {
    "event_id", "kind", "start_date", "end_date", "place", "participants", "participant_ids", "round", "level",
    "topics", "report", "rate", "products", "country", "source_count", "source_urls"};

json EventJson(const EventRecord& event) {
  json people = json::array(), sources = json::array();
  for (const Official& o : event.participants) {
    people.push_back({{"id", o.id}, {"name", o.name}, {"title", o.title}, {"org", o.org}, {"country", o.country}});
  }
  for (const EventSource& s : event.sources) {
    sources.push_back({{"article_id", s.article_id}, {"url", s.url}, {"title", s.title}, {"published", s.published},
                       {"evidence", s.evidence}});
  }
  return {{"event_id", event.id}, {"kind", event.kind}, {"start_date", event.start_date},
          {"end_date", event.end_date}, {"place", event.place}, {"participants", people},
          {"attributes", event.attributes}, {"sources", sources}};
}

std::vector<std::string> EventCells(const EventRecord& event) {
  std::vector<std::string> names, ids, urls;
  for (const Official& o : event.participants) {
    names.push_back(o.name.empty() ? o.id : o.name);
    ids.push_back(o.id);
  }
  for (const EventSource& s : event.sources) urls.push_back(s.url);
  const json& a = event.attributes;
  return {std::to_string(event.id), event.kind, event.start_date, event.end_date, event.place, Joined(names),
          Joined(ids), Attribute(a, "round"), Attribute(a, "level"), Attribute(a, "topics"), Attribute(a, "report"),
          Attribute(a, "rate"), Attribute(a, "products"), Attribute(a, "country"),
          std::to_string(event.sources.size()), Joined(urls)};
}

struct EventsOptions {
  std::string db, format;
  EventFilter filter;
};

int RunEvents(const EventsOptions& options, const CliContext& context) {
  auto store = OpenForReading(options.db, context);
  if (!store.ok()) return ReportFatal(store.status());
  auto answer = QueryEvents(**store, options.filter);
  if (!answer.ok()) return ReportFatal(answer.status());
  PrintNotes(answer->unknown);
  // The table: dates, kind, place, who, what was discussed, how many sources.
  RowPrinter printer(ChooseRowFormat(options.format), kEventColumns, {2, 3, 1, 4, 5, 9, 14});
  for (const EventRecord& event : answer->rows) printer.Add(EventCells(event), EventJson(event));
  printer.Finish();
  return kExitOk;
}

// mentions: one row per mention, with its article.
const std::vector<std::string> kMentionColumns = {"article_id", "published", "type", "text", "value", "title", "url"};

struct MentionsOptions {
  std::string db, format;
  MentionFilter filter;
};

int RunMentions(const MentionsOptions& options, const CliContext& context) {
  auto store = OpenForReading(options.db, context);
  if (!store.ok()) return ReportFatal(store.status());
  auto answer = QueryMentions(**store, options.filter);
  if (!answer.ok()) return ReportFatal(answer.status());
  PrintNotes(answer->unknown);
  RowPrinter printer(ChooseRowFormat(options.format), kMentionColumns, {1, 2, 3, 4, 5});
  for (const MentionRecord& m : answer->rows) {
    printer.Add({std::to_string(m.article_id), m.published, m.type, m.text, Flat(m.value), m.title, m.url},
                {{"article_id", m.article_id}, {"published", m.published}, {"type", m.type}, {"text", m.text},
                 {"value", m.value}, {"title", m.title}, {"url", m.url}});
  }
  printer.Finish();
  return kExitOk;
}

// search: one row per story (syndicated copies counted, not repeated).
const std::vector<std::string> kSearchColumns = {"article_id", "published", "title", "copies", "url", "snippet"};

struct SearchOptions {
  std::string db, format;
  SearchRequest request;
};

int RunSearch(const SearchOptions& options, const CliContext& context) {
  auto store = OpenForReading(options.db, context);
  if (!store.ok()) return ReportFatal(store.status());
  auto hits = Search(**store, options.request);
  if (!hits.ok()) return ReportFatal(hits.status());
  RowPrinter printer(ChooseRowFormat(options.format), kSearchColumns, {1, 2, 3, 5});
  for (const SearchHit& hit : hits->rows) {
    printer.Add({std::to_string(hit.article_id), hit.published, hit.title, std::to_string(hit.copies), hit.url,
                 hit.snippet},
                {{"article_id", hit.article_id}, {"published", hit.published}, {"title", hit.title},
                 {"copies", hit.copies}, {"url", hit.url}, {"snippet", hit.snippet}});
  }
  printer.Finish();
  return kExitOk;
}

}  // namespace

void AddEventsCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<EventsOptions>();
  CLI::App* command = app.add_subcommand(
      "events", "List events (meetings, tariff actions, deadlines, report releases), each once with its sources");
  command->add_option("--db", options->db, "SQLite store")->type_name("FILE")->required();
  command->add_option("--official", options->filter.official, "only events this official took part in (name or id)")
      ->type_name("NAME|ID");
  command->add_option("--barrier", options->filter.barrier, "only meetings on this barrier category or MAST chapter")
      ->type_name("CATEGORY|MAST");
  command->add_option("--country", options->filter.country, "only events of this country or with its officials")
      ->type_name("CC");
  command->add_option("--kind", options->filter.kind, "only events of this kind (meeting, report_release, "
                      "tariff_action, deadline)")->type_name("KIND");
  AddDateOptions(command, options->filter.dates, "events");
  command->add_option("--format", options->format, kFormatHelp)->check(OneOf({"table", "jsonl", "csv"}));
  command->callback([options, &context] { context.exit_code = RunEvents(*options, context); });
}

void AddMentionsCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<MentionsOptions>();
  CLI::App* command = app.add_subcommand("mentions", "List what the taggers marked, with each article's title, date and URL");
  command->add_option("--db", options->db, "SQLite store")->type_name("FILE")->required();
  command->add_option("--type", options->filter.type, "only mentions of this type (date, official, percentage, "
                      "barrier, country, organization, money, product)")->type_name("TYPE");
  command->add_option("--value", options->filter.value,
                      "only mentions whose text or value is this (an official's id, a barrier category, a country code …)")
      ->type_name("TEXT");
  AddDateOptions(command, options->filter.dates, "articles published");
  command->add_option("--format", options->format, kFormatHelp)->check(OneOf({"table", "jsonl", "csv"}));
  command->callback([options, &context] { context.exit_code = RunMentions(*options, context); });
}

void AddSearchCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<SearchOptions>();
  CLI::App* command = app.add_subcommand(
      "search", "Full-text search over article titles and bodies; syndicated copies are one hit");
  command->add_option("--db", options->db, "SQLite store")->type_name("FILE")->required();
  command->add_flag("--fts", options->request.fts_syntax, "the query is FTS5 syntax (AND, OR, NOT, NEAR, prefix*)");
  AddDateOptions(command, options->request.dates, "articles published");
  command->add_option("--source", options->request.source, "only articles read from this [[source]]")->type_name("NAME");
  command->add_option("--type", options->request.type, "only articles with a mention of this type")->type_name("TYPE");
  command->add_option("--limit", options->request.limit, "at most this many results")
      ->check(WholeNumber(1, std::numeric_limits<int>::max()))
      ->capture_default_str();
  command->add_option("--format", options->format, kFormatHelp)->check(OneOf({"table", "jsonl", "csv"}));
  command->add_option("QUERY", options->request.query,
                      "words as typed ('U.S.-Korea beef', '\"network usage fees\"'), or FTS5 with --fts")
      ->required();
  command->callback([options, &context] { context.exit_code = RunSearch(*options, context); });
}

}  // namespace tradewire
