#include "pipeline/store/queries.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "extractors/events/merge.h"
#include "extractors/text/calendar.h"
#include "pipeline/store/sqlite.h"

namespace tradewire {
namespace {
using nlohmann::json;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool SameName(std::string_view a, std::string_view b) { return Lower(a) == Lower(b); }

std::string Day(std::string_view date) { return std::string(date.substr(0, std::min<std::size_t>(10, date.size()))); }

// SQL that is true when the ISO date in `column` lies within ?since and ?until (parameters `since`, `since + 1`).
std::string DayWithin(const std::string& column, int since) {
  std::string day = "substr(" + column + ", 1, 10)";
  std::string a = "?" + std::to_string(since), b = "?" + std::to_string(since + 1);
  return "((" + a + " = '' OR " + day + " >= " + a + ") AND (" + b + " = '' OR (" + day + " <> '' AND " + day +
         " <= " + b + ")))";
}

void BindRange(sql::Statement& stmt, int since, const DateRange& dates) {
  stmt.Bind(since, Day(dates.since)).Bind(since + 1, Day(dates.until));
}

// The last change of each row of `kind` ("article", "event"): its cursor and time.
struct LastChange {
  std::int64_t cursor = 0;
  std::string at;
};
StatusOr<std::map<std::int64_t, LastChange>> LastChanges(sql::Database& db, std::string_view kind, bool inserts_only) {
  auto stmt = db.Prepare(std::string("SELECT row_id, MAX(cursor), MAX(at) FROM changes WHERE kind = ?1") +
                         (inserts_only ? " AND op = 'insert'" : "") + " GROUP BY row_id");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, kind);
  std::map<std::int64_t, LastChange> out;
  while (stmt->Step()) out[stmt->Int(0)] = {stmt->Int(1), stmt->Text(2)};
  TW_RETURN_IF_ERROR(stmt->status());
  return out;
}

bool IsNew(const NewSince& since, const LastChange& change) {
  if (since.cursor >= 0) return change.cursor > since.cursor;
  return !since.date.empty() && change.at >= since.date;
}

StatusOr<std::vector<Official>> ReadOfficials(sql::Database& db, const DateRange& dates) {
  auto stmt = db.Prepare(
      "SELECT json_extract(m.value, '$.id') AS official_id, json_extract(m.value, '$.name'), json_extract(m.value, '$.title'), "
      "json_extract(m.value, '$.org'), json_extract(m.value, '$.country'), COUNT(DISTINCT m.article_id) AS n, "
      "MIN(NULLIF(substr(a.published, 1, 10), '')), MAX(NULLIF(substr(a.published, 1, 10), '')) "
      "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.type = 'official' AND official_id IS NOT NULL AND " +
      DayWithin("a.published", 1) + " GROUP BY official_id ORDER BY n DESC, 2");
  if (!stmt.ok()) return stmt.status();
  BindRange(*stmt, 1, dates);
  std::vector<Official> out;
  while (stmt->Step()) {
    out.push_back({stmt->Text(0), stmt->Text(1), stmt->Text(2), stmt->Text(3), stmt->Text(4), stmt->Int(5),
                   stmt->Text(6), stmt->Text(7)});
  }
  TW_RETURN_IF_ERROR(stmt->status());
  return out;
}

StatusOr<std::map<std::int64_t, std::vector<EventSource>>> ReadEventSources(sql::Database& db) {
  auto stmt = db.Prepare(
      "SELECT s.event_id, s.article_id, a.url, a.title, a.published, a.site_name, s.evidence FROM event_sources s "
      "JOIN articles a ON a.id = s.article_id ORDER BY s.event_id, a.published, a.id");
  if (!stmt.ok()) return stmt.status();
  std::map<std::int64_t, std::vector<EventSource>> out;
  while (stmt->Step()) {
    EventSource source{stmt->Int(1), stmt->Text(2), stmt->Text(3), stmt->Text(4), stmt->Text(5), {}};
    for (const json& span : json::parse(stmt->Text(6), nullptr, false)) {
      if (span.is_object() && span.contains("text")) source.evidence.push_back(span["text"].get<std::string>());
    }
    out[stmt->Int(0)].push_back(std::move(source));
  }
  TW_RETURN_IF_ERROR(stmt->status());
  return out;
}

// The barrier categories a filter names: a category id, or a MAST chapter letter and every category under it.
// Known from the store's barrier mentions.
StatusOr<std::set<std::string>> BarrierCategories(sql::Database& db, const std::string& typed,
                                                  std::vector<UnknownName>& unknown) {
  auto stmt = db.Prepare(
      "SELECT DISTINCT json_extract(value, '$.category'), COALESCE(json_extract(value, '$.mast'), '') "
      "FROM mentions WHERE type = 'barrier'");
  if (!stmt.ok()) return stmt.status();
  std::set<std::string> matched;
  std::vector<std::string> known;
  while (stmt->Step()) {
    std::string category = stmt->Text(0), mast = stmt->Text(1);
    known.push_back(category);
    if (!mast.empty()) known.push_back(mast);
    if (SameName(typed, category) || (!mast.empty() && SameName(typed, mast))) matched.insert(category);
  }
  TW_RETURN_IF_ERROR(stmt->status());
  if (matched.empty()) unknown.push_back(UnknownName{"barrier category", typed, known});
  return matched;
}

// Resolves EventFilter::official (a name or an id) against the store's officials: its id, or empty with a note.
std::string OfficialId(const std::vector<Official>& officials, const std::string& typed,
                       std::vector<UnknownName>& unknown) {
  std::vector<std::string> names;
  for (const Official& o : officials) {
    if (SameName(typed, o.id) || SameName(typed, o.name)) return o.id;
    names.push_back(o.name);
  }
  unknown.push_back(UnknownName{"official", typed, names});
  return "";
}

bool MentionsCountry(const EventRecord& event, std::string_view country) {
  if (event.attributes.contains("country") && event.attributes["country"].is_string() &&
      SameName(event.attributes["country"].get<std::string>(), country)) {
    return true;
  }
  return std::any_of(event.participants.begin(), event.participants.end(),
                     [&](const Official& o) { return SameName(o.country, country); });
}

bool HasTopic(const EventRecord& event, const std::set<std::string>& categories) {
  if (!event.attributes.contains("topics")) return false;
  for (const json& topic : event.attributes["topics"]) {
    if (topic.is_string() && categories.count(topic.get<std::string>())) return true;
  }
  return false;
}

StatusOr<std::vector<std::string>> DistinctTexts(sql::Database& db, const char* query) {
  auto stmt = db.Prepare(query);
  if (!stmt.ok()) return stmt.status();
  std::vector<std::string> out;
  while (stmt->Step()) out.push_back(stmt->Text(0));
  TW_RETURN_IF_ERROR(stmt->status());
  return out;
}

// Reads the events that pass the SQL part of `filter` (kind, dates); the rest is checked by the caller.
Status ReadEventRows(sql::Database& db, const EventFilter& filter, const std::map<std::string, Official>& people,
                     std::vector<EventRecord>& out) {
  auto sources = ReadEventSources(db);
  if (!sources.ok()) return sources.status();
  auto changes = LastChanges(db, "event", false);
  if (!changes.ok()) return changes.status();
  auto stmt = db.Prepare(
      "SELECT e.id, e.kind, e.start_date, e.end_date, e.place, e.participants, e.attributes FROM events e "
      "WHERE EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id) AND (?1 = '' OR e.kind = ?1) "
      "ORDER BY e.id DESC");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, filter.kind);
  // Days as the merger compares them: a month spans its days; a week or a season cannot be placed by day, so it
  // is left out by a date filter and listed with the undated.
  std::vector<std::pair<std::optional<DayRange>, EventRecord>> dated;
  while (stmt->Step()) {
    EventRecord event{stmt->Int(0), stmt->Text(1), stmt->Text(2), stmt->Text(3), stmt->Text(4), {}, {}, {}, false};
    for (const json& id : json::parse(stmt->Text(5), nullptr, false)) {
      if (!id.is_string()) continue;
      auto known = people.find(id.get<std::string>());
      event.participants.push_back(known != people.end() ? known->second : Official{id.get<std::string>(), "", "", "", "", 0, "", ""});
    }
    event.attributes = json::parse(stmt->Text(6), nullptr, false);
    if (!event.attributes.is_object()) event.attributes = json::object();
    event.sources = (*sources)[event.id];
    event.is_new = IsNew(filter.new_since, (*changes)[event.id]);
    std::optional<DayRange> days = EventDays(Event{event.kind, event.start_date, event.end_date, "", {}, {}, {}});
    const std::string since = Day(filter.dates.since), until = Day(filter.dates.until);
    if ((!since.empty() || !until.empty()) &&
        (!days || (!since.empty() && days->last < since) || (!until.empty() && days->first > until))) {
      continue;
    }
    dated.emplace_back(std::move(days), std::move(event));
  }
  TW_RETURN_IF_ERROR(stmt->status());
  // Newest first by the first day, then the last; undated last; otherwise the newest event first.
  std::stable_sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) {
    if (a.first.has_value() != b.first.has_value()) return a.first.has_value();
    if (!a.first) return false;
    if (a.first->first != b.first->first) return a.first->first > b.first->first;
    return a.first->last > b.first->last;
  });
  for (auto& [days, event] : dated) out.push_back(std::move(event));
  return Status::Ok();
}

Status CollectEvents(sql::Database& db, const EventFilter& filter, Answer<EventRecord>& answer) {
  auto officials = ReadOfficials(db, {});
  if (!officials.ok()) return officials.status();
  std::map<std::string, Official> people;
  for (const Official& o : *officials) people[o.id] = o;

  std::string official_id;
  if (!filter.official.empty() && (official_id = OfficialId(*officials, filter.official, answer.unknown)).empty()) {
    return Status::Ok();
  }
  std::set<std::string> categories;
  if (!filter.barrier.empty()) {
    auto found = BarrierCategories(db, filter.barrier, answer.unknown);
    if (!found.ok()) return found.status();
    if ((categories = std::move(found).value()).empty()) return Status::Ok();
  }
  if (!filter.kind.empty()) {
    auto kinds = DistinctTexts(db, "SELECT DISTINCT kind FROM events ORDER BY kind");
    if (!kinds.ok()) return kinds.status();
    if (std::find(kinds->begin(), kinds->end(), filter.kind) == kinds->end()) {
      answer.unknown.push_back(UnknownName{"event kind", filter.kind, *kinds});
      return Status::Ok();
    }
  }
  std::vector<EventRecord> events;
  TW_RETURN_IF_ERROR(ReadEventRows(db, filter, people, events));
  for (EventRecord& event : events) {
    if (!official_id.empty() &&
        std::none_of(event.participants.begin(), event.participants.end(),
                     [&](const Official& o) { return o.id == official_id; })) {
      continue;
    }
    if (!categories.empty() && !HasTopic(event, categories)) continue;
    if (!filter.country.empty() && !MentionsCountry(event, filter.country)) continue;
    answer.rows.push_back(std::move(event));
  }
  return Status::Ok();
}

// The strings a mention can be asked for by --value: its text and its value's scalar fields.
std::vector<std::string> ValueNames(const MentionRecord& mention) {
  std::vector<std::string> names = {mention.text};
  auto add = [&names](const json& v) {
    if (v.is_string()) names.push_back(v.get<std::string>());
    if (v.is_number()) names.push_back(v.dump());
  };
  if (mention.value.is_object()) {
    for (const auto& [key, v] : mention.value.items()) add(v);
  } else {
    add(mention.value);
  }
  return names;
}

Status CollectMentions(sql::Database& db, const MentionFilter& filter, Answer<MentionRecord>& answer) {
  if (!filter.type.empty()) {
    auto types = DistinctTexts(db, "SELECT DISTINCT type FROM mentions ORDER BY type");
    if (!types.ok()) return types.status();
    if (std::find(types->begin(), types->end(), filter.type) == types->end()) {
      answer.unknown.push_back(UnknownName{"mention type", filter.type, *types});
      return Status::Ok();
    }
  }
  auto changes = LastChanges(db, "article", true);
  if (!changes.ok()) return changes.status();
  auto stmt = db.Prepare(
      "SELECT m.article_id, m.type, m.text, m.value, a.title, a.published, a.url FROM mentions m "
      "JOIN articles a ON a.id = m.article_id WHERE (?1 = '' OR m.type = ?1) AND " + DayWithin("a.published", 2) +
      " ORDER BY NULLIF(substr(a.published, 1, 10), '') DESC NULLS LAST, m.article_id DESC, m.start, m.id");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, filter.type);
  BindRange(*stmt, 2, filter.dates);
  std::set<std::string> known;
  while (stmt->Step()) {
    MentionRecord mention{stmt->Int(0), stmt->Text(1), stmt->Text(2), json::parse(stmt->Text(3), nullptr, false),
                          stmt->Text(4), stmt->Text(5), stmt->Text(6), false};
    if (!filter.value.empty()) {
      std::vector<std::string> names = ValueNames(mention);
      if (std::none_of(names.begin(), names.end(), [&](const std::string& n) { return SameName(n, filter.value); })) {
        known.insert(names.begin(), names.end());
        continue;
      }
    }
    mention.is_new = IsNew(filter.new_since, (*changes)[mention.article_id]);
    answer.rows.push_back(std::move(mention));
  }
  TW_RETURN_IF_ERROR(stmt->status());
  if (!filter.value.empty() && answer.rows.empty()) {
    answer.unknown.push_back(UnknownName{"mention value", filter.value, {known.begin(), known.end()}});
  }
  return Status::Ok();
}

// Korean and Japanese words carry their particles and endings in the same token ('관세를', '関税交渉は'), so a
// word in those scripts matches the tokens it begins.
bool IsCjk(std::string_view word) {
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(word.size());) {
    UChar32 c;
    U8_NEXT(word.data(), i, static_cast<std::int32_t>(word.size()), c);
    UScriptCode script = static_cast<UScriptCode>(u_getIntPropertyValue(c, UCHAR_SCRIPT));
    if (script == USCRIPT_HANGUL || script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
        script == USCRIPT_KATAKANA) {
      return true;
    }
  }
  return false;
}

Status CollectHits(sql::Database& db, const SearchRequest& request, Answer<SearchHit>& answer) {
  std::string match = request.fts_syntax ? request.query : PlainQueryToFts(request.query);
  if (match.empty()) return Status::InvalidArgument("search query '" + request.query + "' has no words");
  auto stmt = db.Prepare(
      "SELECT a.id, a.url, a.title, a.published, snippet(articles_fts, 1, '[', ']', '…', 16), a.cluster_id "
      "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?1 AND " +
      DayWithin("a.published", 2) +
      " AND (?4 = '' OR EXISTS (SELECT 1 FROM documents d JOIN sources s ON s.id = d.source_id "
      "WHERE d.article_id = a.id AND s.name = ?4)) "
      "AND (?5 = '' OR EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.type = ?5)) "
      "ORDER BY bm25(articles_fts), a.id");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, match).Bind(4, request.source).Bind(5, request.type);
  BindRange(*stmt, 2, request.dates);
  std::map<std::int64_t, std::size_t> hit_of_cluster;
  while (stmt->Step()) {
    auto [at, fresh] = hit_of_cluster.try_emplace(stmt->Int(5), answer.rows.size());
    if (!fresh) {
      ++answer.rows[at->second].copies;
      continue;
    }
    answer.rows.push_back({stmt->Int(0), stmt->Text(1), stmt->Text(2), stmt->Text(3), stmt->Text(4), 1});
  }
  if (!stmt->status().ok()) {
    return Status::InvalidArgument("search query '" + request.query + "': " + stmt->status().message() +
                                   (request.fts_syntax ? " (without --fts, words are matched as typed)" : ""));
  }
  if (answer.rows.size() > static_cast<std::size_t>(request.limit)) answer.rows.resize(request.limit);
  return Status::Ok();
}

}  // namespace

std::optional<NewSince> ParseNewSince(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) && text.size() < 18) {
    return NewSince{std::stoll(std::string(text)), ""};
  }
  if (!IsIsoDateTime(text)) return std::nullopt;
  return NewSince{-1, std::string(text)};
}

std::string PlainQueryToFts(std::string_view typed) {
  std::vector<std::string> terms;
  std::size_t i = 0;
  while (i < typed.size()) {
    if (std::isspace(static_cast<unsigned char>(typed[i]))) {
      ++i;
      continue;
    }
    std::string words;
    if (typed[i] == '"') {  // a phrase, to the closing quote or the end
      std::size_t close = typed.find('"', i + 1);
      words = typed.substr(i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
      i = close == std::string_view::npos ? typed.size() : close + 1;
    } else {
      std::size_t end = i;
      while (end < typed.size() && !std::isspace(static_cast<unsigned char>(typed[end])) && typed[end] != '"') ++end;
      words = typed.substr(i, end - i);
      i = end;
    }
    bool has_word = std::any_of(words.begin(), words.end(),
                                [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); });
    if (!has_word) continue;
    terms.push_back("\"" + words + "\"" + (IsCjk(words) ? "*" : ""));
  }
  std::string out;
  for (const std::string& term : terms) out += (out.empty() ? "" : " ") + term;
  return out;
}

StatusOr<Answer<EventRecord>> QueryEvents(Store& store, const EventFilter& filter) {
  Answer<EventRecord> answer;
  TW_RETURN_IF_ERROR(store.ReadSnapshot([&](sql::Database& db) { return CollectEvents(db, filter, answer); }));
  return answer;
}

StatusOr<Answer<MentionRecord>> QueryMentions(Store& store, const MentionFilter& filter) {
  Answer<MentionRecord> answer;
  TW_RETURN_IF_ERROR(store.ReadSnapshot([&](sql::Database& db) { return CollectMentions(db, filter, answer); }));
  return answer;
}

StatusOr<std::vector<Official>> QueryOfficials(Store& store, const DateRange& dates) {
  std::vector<Official> out;
  TW_RETURN_IF_ERROR(store.ReadSnapshot([&](sql::Database& db) {
    auto officials = ReadOfficials(db, dates);
    if (!officials.ok()) return officials.status();
    out = std::move(officials).value();
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<ArticleRecord>> QueryNewArticles(Store& store, const NewSince& new_since) {
  std::vector<ArticleRecord> out;
  if (!new_since.active()) return out;
  TW_RETURN_IF_ERROR(store.ReadSnapshot([&](sql::Database& db) {
    auto stmt = db.Prepare(
        "SELECT a.id, a.title, a.published, a.url, a.site_name FROM articles a WHERE EXISTS (SELECT 1 FROM changes c "
        "WHERE c.kind = 'article' AND c.row_id = a.id AND c.op = 'insert' AND "
        "((?1 >= 0 AND c.cursor > ?1) OR (?2 <> '' AND c.at >= ?2))) "
        "ORDER BY NULLIF(substr(a.published, 1, 10), '') DESC NULLS LAST, a.id DESC");
    if (!stmt.ok()) return stmt.status();
    stmt->Bind(1, new_since.cursor).Bind(2, new_since.date);
    while (stmt->Step()) out.push_back({stmt->Int(0), stmt->Text(1), stmt->Text(2), stmt->Text(3), stmt->Text(4)});
    return stmt->status();
  }));
  return out;
}

StatusOr<Answer<SearchHit>> Search(Store& store, const SearchRequest& request) {
  Answer<SearchHit> answer;
  TW_RETURN_IF_ERROR(store.ReadSnapshot([&](sql::Database& db) { return CollectHits(db, request, answer); }));
  return answer;
}

}  // namespace tradewire
