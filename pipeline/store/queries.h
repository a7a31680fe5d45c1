// The store's read side for people: events in their current state with their sources, mentions with their
// articles, officials, and full-text search. Each call reads one snapshot (Store::ReadSnapshot). A filter naming
// something the store does not know (an official, a barrier category, an event kind) is an answer with no rows and
// the names it does know, not an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "extractors/status.h"
#include "pipeline/store/store.h"

namespace tradewire {

// What counts as new: changes after a change-feed cursor, or recorded on or after an ISO date (UTC).
struct NewSince {
  std::int64_t cursor = -1;  // -1: not by cursor
  std::string date;          // empty: not by date
  bool active() const { return cursor >= 0 || !date.empty(); }
};
// "1234" (a cursor) or an ISO date; nullopt for anything else.
std::optional<NewSince> ParseNewSince(std::string_view text);

// Days are compared as ISO text on their first ten characters; empty bounds are open.
struct DateRange {
  std::string since, until;
};

struct Official {
  std::string id, name, title, org, country;
  std::int64_t articles = 0;
  std::string first_seen, last_seen;  // publication days of the first and last article naming them
};

struct EventSource {
  std::int64_t article_id = 0;
  std::string url, title, published, site_name;
  std::vector<std::string> evidence;  // the sentences of the article that report the event
};

struct EventRecord {
  std::int64_t id = 0;
  std::string kind, start_date, end_date, place;
  std::vector<Official> participants;  // id always; name, title, org, country when the store has seen them
  nlohmann::json attributes;
  std::vector<EventSource> sources;
  bool is_new = false;  // changed after EventFilter::new_since
};

struct EventFilter {
  std::string official;  // a name or an id
  std::string barrier;   // a category id or its MAST chapter letter
  std::string country;   // ISO 3166 alpha-2: the event's country or a participant's
  std::string kind;
  DateRange dates;  // the event's days overlap these
  NewSince new_since;
};

struct MentionRecord {
  std::int64_t article_id = 0;
  std::string type, text;
  nlohmann::json value;
  std::string title, published, url;
  bool is_new = false;
};

struct MentionFilter {
  std::string type;
  std::string value;  // the mention's text or any of its value's fields, case aside
  DateRange dates;    // the article's publication day
  NewSince new_since;
};

struct ArticleRecord {
  std::int64_t id = 0;
  std::string title, published, url, site_name;
};

struct SearchRequest {
  std::string query;
  bool fts_syntax = false;  // the query is FTS5 syntax; otherwise each word is matched as typed
  DateRange dates;
  std::string source;  // a [[source]] name
  std::string type;    // only articles with a mention of this type
  int limit = 20;
};

struct SearchHit {
  std::int64_t article_id = 0;
  std::string url, title, published, snippet;  // the snippet marks matched words with [ ]
  int copies = 1;  // articles of its story cluster that match (syndicated copies collapse into one hit)
};

// A filter's name the store does not know ("official", "Chang Sung-kil"), with the names it does know, for a
// "did you mean" note.
struct UnknownName {
  std::string what, typed;
  std::vector<std::string> known;
};

template <typename Row>
struct Answer {
  std::vector<Row> rows;
  std::vector<UnknownName> unknown;  // when not empty, rows is empty
};

// Events that some article still reports, newest first (undated last).
StatusOr<Answer<EventRecord>> QueryEvents(Store& store, const EventFilter& filter);
// Mentions with their article, newest article first, in text order within one.
StatusOr<Answer<MentionRecord>> QueryMentions(Store& store, const MentionFilter& filter);
// Every official the store's articles name, most articles first.
StatusOr<std::vector<Official>> QueryOfficials(Store& store, const DateRange& dates);
// Articles first stored after `new_since`, newest first.
StatusOr<std::vector<ArticleRecord>> QueryNewArticles(Store& store, const NewSince& new_since);
// Best first. A bad FTS5 query (with fts_syntax) is InvalidArgument naming it.
StatusOr<Answer<SearchHit>> Search(Store& store, const SearchRequest& request);

// A query a person typed as FTS5: each word (letters, digits, anything but spaces and quotes) quoted, so that
// "U.S.-Korea beef" finds the phrase's words rather than failing on '.' and '-'; a "quoted phrase" stays a phrase.
std::string PlainQueryToFts(std::string_view typed);

}  // namespace tradewire
