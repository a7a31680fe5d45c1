// The SQLite store: deduplication at every level, the change feed, reprocessing, and refusing what is not ours.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "pipeline/data_files.h"
#include "pipeline/process.h"
#include "pipeline/store/sqlite.h"
#include "pipeline/store/queries.h"
#include "pipeline/store/store.h"
#include "tests/support/subprocess.h"

using namespace tradewire;
using tradewire::testing::ReadFile;
using tradewire::testing::RunTradewire;
using tradewire::testing::TempDir;
using tradewire::testing::WriteFile;
using nlohmann::json;

namespace {

const std::string kSchemas = TRADEWIRE_SOURCE_DIR "/schemas";

const char* kStory =
    "SEOUL, May 23 (Wire) -- South Korea and the United States concluded the second round of technical "
    "discussions on tariffs in Washington on Thursday, the trade ministry said. The delegation, led by Director "
    "General Chang Sung-gil, discussed non-tariff barriers including network usage fees and beef imports.\n\n"
    "The two sides agreed to continue talks, but no date was set for the third round. The ministry said it "
    "would prepare a package before the July 8 deadline, when the reciprocal tariff grace period ends.\n\n"
    "Officials said the U.S. side raised concerns listed in the National Trade Estimate report, including "
    "restrictions on exporting location-based data and the screen quota for films.";

std::unique_ptr<Store> OpenStore(const std::string& path) {
  auto store = Store::Open(path, kSchemas, Store::Mode::kCreate);
  REQUIRE(store.ok());
  return std::move(store).value();
}

FetchedDocument Page(const std::string& url, const std::string& body) {
  FetchedDocument d;
  d.source = "test";
  d.url = url;
  d.final_url = url;
  d.http_status = 200;
  d.content_type = "text/html";
  d.body = body;
  return d;
}

ProcessedDocument Processed(const std::string& url, const std::string& text, std::vector<Event> events = {}) {
  ProcessedDocument p;
  p.article.url = url;
  p.article.title = text.substr(0, 40);
  p.article.text = text;
  Mention m;
  m.type = "date";
  m.start = 0;
  m.end = 5;
  m.text = text.substr(0, 5);
  m.value = {{"value", "2025-05-23"}};
  p.mentions.push_back(m);
  p.events = std::move(events);
  FingerprintArticle(&p);
  return p;
}

Event Meeting(const std::string& start, const std::string& end, std::size_t at) {
  Event e;
  e.kind = "meeting";
  e.start_date = start;
  e.end_date = end;
  e.place = "Washington";
  e.attributes = {{"round", 2}};
  e.evidence.push_back({at, at + 10, "evidence.."});
  return e;
}

std::vector<json> ExportAll(Store& store, ExportKind kind, std::int64_t since = 0) {
  std::vector<json> rows;
  REQUIRE(store.Export(kind, since, [&](const json& row) { rows.push_back(row); }).ok());
  return rows;
}

}  // namespace

TEST_CASE("two URLs of one article are one document") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  auto first = store->Put(Page("https://Wire.example:443/a?utm_source=x&id=1#top", "<p>one</p>"),
                          Processed("https://wire.example/a?id=1", kStory), "v1");
  REQUIRE(first.ok());
  CHECK(first->result == PutResult::kNew);
  auto second = store->Put(Page("https://wire.example/a?id=1&fbclid=abc", "<p>one</p>"),
                           Processed("https://wire.example/a?id=1", kStory), "v1");
  REQUIRE(second.ok());
  CHECK(second->result == PutResult::kUnchanged);
  CHECK(second->article_id == first->article_id);
  CHECK(ExportAll(*store, ExportKind::kArticles).size() == 1);
}

TEST_CASE("a page re-served with new ads is not new, the same text under another URL is a duplicate") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  REQUIRE(store->Put(Page("https://a.example/story", "<p>ad 1</p>"), Processed("https://a.example/story", kStory), "v1").ok());
  auto reserved = store->Put(Page("https://a.example/story", "<p>ad 2</p>"),
                             Processed("https://a.example/story", std::string(kStory) + "  "), "v1");
  REQUIRE(reserved.ok());
  CHECK(reserved->result == PutResult::kUnchanged);
  auto elsewhere = store->Put(Page("https://b.example/copy", "<p>other template</p>"),
                              Processed("https://b.example/copy", kStory), "v1");
  REQUIRE(elsewhere.ok());
  CHECK(elsewhere->result == PutResult::kDuplicate);
  auto articles = ExportAll(*store, ExportKind::kArticles);
  REQUIRE(articles.size() == 1);
  CHECK(articles[0]["source_urls"].size() == 2);
}

TEST_CASE("a syndicated copy with another headline and a trimmed ending joins the story's cluster") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  ProcessedDocument original = Processed("https://wire.example/1", kStory);
  original.article.published = "2025-05-23";
  REQUIRE(store->Put(Page("https://wire.example/1", "x"), original, "v1").ok());
  std::string copy = std::string("Korea, US end second round of tariff talks\n\n") + kStory;
  copy = copy.substr(0, copy.rfind("\n\n"));  // last paragraph trimmed
  ProcessedDocument syndicated = Processed("https://portal.example/9", copy);
  syndicated.article.published = "2025-05-24";
  auto joined = store->Put(Page("https://portal.example/9", "y"), syndicated, "v1");
  REQUIRE(joined.ok());
  CHECK(joined->result == PutResult::kNew);
  CHECK(joined->joined_cluster);
  auto unrelated = store->Put(Page("https://other.example/2", "z"),
                              Processed("https://other.example/2",
                                        "Japan and the European Union signed a digital trade agreement in Tokyo on "
                                        "Friday, covering data flows, source code protection and e-signatures, "
                                        "officials said, after two years of negotiations."),
                              "v1");
  REQUIRE(unrelated.ok());
  CHECK_FALSE(unrelated->joined_cluster);
  auto clusters = ExportAll(*store, ExportKind::kClusters);
  REQUIRE(clusters.size() == 1);
  CHECK(clusters[0]["members"].size() == 2);
  CHECK(clusters[0]["canonical_url"] == "https://wire.example/1");
}

TEST_CASE("a story cluster's canonical member is its earliest copy, whichever was stored first") {
  std::string copy = std::string("Korea, US end second round of tariff talks\n\n") + kStory;
  copy = copy.substr(0, copy.rfind("\n\n"));
  auto dated = [](const std::string& url, const std::string& text, const std::string& published) {
    ProcessedDocument p = Processed(url, text);
    p.article.published = published;
    return p;
  };
  // The original: 2025-05-23 08:31 in Seoul, 2025-05-22 23:31 UTC.
  struct Case {
    std::string copy_published;
    const char* canonical;
  };
  for (bool original_first : {true, false}) {
    for (const Case& c : {Case{"2025-05-24T09:00:00+09:00", "https://wire.example/1"},  // a day later
                          Case{"2025-05-23T10:00:00+09:00", "https://wire.example/1"},  // later the same day
                          Case{"2025-05-23T07:00:00+09:00", "https://portal.example/9"},  // earlier the same day
                          Case{"", "https://wire.example/1"}}) {                          // undated
      const std::string& copy_date = c.copy_published;
      INFO("original stored first: " << original_first << ", copy published " << copy_date);
      TempDir dir;
      auto store = OpenStore(dir.File("s.db"));
      auto original = [&] {
        return store->Put(Page("https://wire.example/1", "x"),
                          dated("https://wire.example/1", kStory, "2025-05-23T08:31:00+09:00"), "v1");
      };
      auto syndicated = [&] {
        return store->Put(Page("https://portal.example/9", "y"), dated("https://portal.example/9", copy, copy_date),
                          "v1");
      };
      REQUIRE((original_first ? original() : syndicated()).ok());
      REQUIRE((original_first ? syndicated() : original()).ok());
      auto clusters = ExportAll(*store, ExportKind::kClusters);
      REQUIRE(clusters.size() == 1);
      CHECK(clusters[0]["canonical_url"] == c.canonical);
    }
  }
}

namespace {

// Paragraphs of `words` words drawn from a small trade vocabulary by `seed`: texts of different seeds share
// almost no 4-gram shingles.
std::string Paragraphs(unsigned seed, int paragraphs, int words) {
  static const std::vector<std::string> kVocabulary = {
      "tariff", "steel", "Korea", "quota", "ministry", "semiconductor", "talks", "beef", "export", "Washington",
      "round", "barrier", "digital", "auto", "rate", "deal", "negotiation", "reciprocal", "agreement", "minister",
      "trade", "official", "percent", "network", "fees", "platform", "data", "origin", "safeguard", "duty"};
  std::mt19937 rng(seed);
  std::string text;
  for (int p = 0; p < paragraphs; ++p) {
    for (int w = 0; w < words; ++w) text += kVocabulary[rng() % kVocabulary.size()] + (w + 1 < words ? " " : ".\n\n");
  }
  return text;
}

}  // namespace

TEST_CASE("pages sharing a site's template compare a bounded number of texts, and a story's copy finds its story") {
  // Every page carries the same long template block and its own story: about half of each page's shingles are
  // the template's, so pages share the bands the template decides without being near-duplicates.
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  const std::string templ = Paragraphs(1, 6, 45);
  auto put = [&](const std::string& url, const std::string& text) {
    auto outcome = store->Put(Page(url, url), Processed(url, text), "v1");
    REQUIRE(outcome.ok());
    return *outcome;
  };
  int most_compared = 0;
  std::int64_t story_id = 0;
  for (int i = 0; i < 200; ++i) {
    std::string url = "https://site.example/" + std::to_string(i);
    PutOutcome outcome = put(url, templ + Paragraphs(100 + i, 6, 45));
    CHECK_FALSE(outcome.joined_cluster);
    most_compared = std::max(most_compared, outcome.texts_compared);
    if (i == 20) story_id = outcome.article_id;
  }
  CHECK(most_compared > 0);
  CHECK(most_compared <= kMaxClusterCandidates);
  // The story of page 20, republished 180 template pages later with a new first line and a trimmed ending.
  std::string copy = "Updated: " + templ + Paragraphs(120, 6, 45);
  copy = copy.substr(0, copy.size() - 200);
  PutOutcome republished = put("https://portal.example/copy", copy);
  CHECK(republished.joined_cluster);
  CHECK(republished.texts_compared <= kMaxClusterCandidates);
  std::vector<json> clusters = ExportAll(*store, ExportKind::kClusters);
  REQUIRE(clusters.size() == 1);
  CHECK(clusters[0]["cluster_id"] == story_id);
  CHECK(clusters[0]["members"].size() == 2);
}

TEST_CASE("one real-world event reported by several articles is one event with every source") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  auto a = store->Put(Page("https://a.example/1", "a"),
                      Processed("https://a.example/1", "Talks ended on the 22nd in Washington. " + std::string(60, 'a'),
                                {Meeting("2025-05-22", "2025-05-22", 0)}),
                      "v1");
  auto b = store->Put(Page("https://b.example/2", "b"),
                      Processed("https://b.example/2", "Held from the 20th to the 22nd in Washington. " + std::string(60, 'b'),
                                {Meeting("2025-05-20", "2025-05-22", 5)}),
                      "v1");
  auto c = store->Put(Page("https://c.example/3", "c"),
                      Processed("https://c.example/3", "A different round in Seoul in June. " + std::string(60, 'c'),
                                {Meeting("2025-06-10", "2025-06-10", 7)}),
                      "v1");
  REQUIRE((a.ok() && b.ok() && c.ok()));
  CHECK(a->events_added == 1);
  CHECK(b->events_merged == 1);
  CHECK(c->events_added == 1);
  std::map<long, json> events;
  for (const json& row : ExportAll(*store, ExportKind::kEvents)) events[row["event_id"]] = row;
  REQUIRE(events.size() == 2);
  const json& merged = events.begin()->second;
  CHECK(merged["sources"].size() == 2);
  CHECK(merged["start_date"] == "2025-05-20");
  CHECK(merged["end_date"] == "2025-05-22");
  for (const json& source : merged["sources"]) CHECK(source["evidence"].size() == 1);
}

TEST_CASE("export --since gives the events and clusters changed after a cursor, never an uncommitted batch") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  ProcessedDocument original = Processed("https://wire.example/1", kStory, {Meeting("2025-05-22", "2025-05-22", 0)});
  REQUIRE(store->Put(Page("https://wire.example/1", "x"), original, "v1").ok());
  REQUIRE(store->Flush().ok());
  auto export_since = [&](const char* kind, long cursor) {
    auto result = RunTradewire({"export", "--db", dir.File("s.db"), "--kind", kind, "--since", std::to_string(cursor)});
    REQUIRE(result.exit_code == 0);
    return tradewire::testing::JsonLines(result.out);
  };
  auto events_before = export_since("events", 0);
  REQUIRE(events_before.size() == 1);
  const long cursor = json::parse(RunTradewire({"stats", "--db", dir.File("s.db")}).out)["cursor"].get<long>();
  REQUIRE(cursor > 0);
  CHECK(export_since("clusters", 0).empty());

  // A syndicated copy reporting the same meeting, written in a batch not yet committed.
  std::string copy = std::string("Korea, US end second round of tariff talks\n\n") + kStory;
  copy = copy.substr(0, copy.rfind("\n\n"));
  auto joined = store->Put(Page("https://portal.example/9", "y"),
                           Processed("https://portal.example/9", copy, {Meeting("2025-05-22", "2025-05-22", 45)}), "v1");
  REQUIRE(joined.ok());
  REQUIRE(joined->joined_cluster);
  REQUIRE(joined->events_merged == 1);
  CHECK(export_since("events", cursor).empty());
  CHECK(export_since("clusters", cursor).empty());

  REQUIRE(store->Flush().ok());
  auto events = export_since("events", cursor);
  REQUIRE(events.size() == 1);
  CHECK(events[0]["event_id"] == events_before[0]["event_id"]);
  CHECK(events[0]["sources"].size() == 2);
  CHECK(events[0]["cursor"].get<long>() > cursor);
  auto clusters = export_since("clusters", cursor);
  REQUIRE(clusters.size() == 1);
  CHECK(clusters[0]["members"].size() == 2);
  CHECK(export_since("events", events[0]["cursor"].get<long>()).empty());
}

TEST_CASE("the change feed lists inserts and updates in order, after any cursor") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  REQUIRE(store->Put(Page("https://a.example/1", "v1"), Processed("https://a.example/1", kStory), "v1").ok());
  REQUIRE(store->Put(Page("https://a.example/2", "v1"), Processed("https://a.example/2", "Another story entirely, "
                                                                  "about steel quotas and the EU safeguard."), "v1").ok());
  auto before = ExportAll(*store, ExportKind::kArticles);
  REQUIRE(before.size() == 2);
  std::int64_t cursor = before.back()["cursor"];
  auto updated = store->Put(Page("https://a.example/1", "v2"),
                            Processed("https://a.example/1", std::string(kStory) + "\n\nUpdated with a new paragraph."), "v1");
  REQUIRE(updated.ok());
  CHECK(updated->result == PutResult::kUpdated);
  auto after = ExportAll(*store, ExportKind::kArticles, cursor);
  REQUIRE(after.size() == 1);
  CHECK(after[0]["op"] == "update");
  CHECK(after[0]["cursor"].get<std::int64_t>() > cursor);
  CHECK_THAT(after[0]["text"].get<std::string>(), Catch::EndsWith("new paragraph."));
  auto mentions = ExportAll(*store, ExportKind::kMentions, cursor);
  CHECK(mentions.size() == 1);  // the rewritten article's mentions, which replace its earlier ones
}

TEST_CASE("reprocess rewrites only rows whose result changed") {
  // The extractor run twice over the same raw page: once as shipped, once after an analyst removed steel from
  // the products gazetteer.
  auto files = LoadDataFiles(kSchemas);
  REQUIRE(files.ok());
  auto shipped = DocumentProcessor::Create(*files);
  REQUIRE(shipped.ok());
  json products = json::parse((*files)["gazetteers/products.json"]);
  auto& list = products["products"];
  list.erase(std::remove_if(list.begin(), list.end(), [](const json& p) { return p["id"] == "steel"; }), list.end());
  (*files)["gazetteers/products.json"] = products.dump();
  auto edited = DocumentProcessor::Create(*files);
  REQUIRE(edited.ok());
  REQUIRE(edited->version() != shipped->version());

  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  const FetchedDocument page = Page("https://a.example/1", "<html><body><article><p>" + std::string(kStory) +
                                                               " Steel exports were discussed.</p></article></body></html>");
  REQUIRE(store->Put(page, shipped->Process(page), shipped->version()).ok());
  std::int64_t cursor = ExportAll(*store, ExportKind::kArticles).back()["cursor"];
  const std::size_t mentions_before = ExportAll(*store, ExportKind::kMentions).size();

  auto reprocess_with = [&](const DocumentProcessor& processor) {
    Store::DocumentFilter stale{"", "", processor.version()};
    std::vector<Store::StoredDocument> documents;
    REQUIRE(store->ForEachDocument(stale, [&](Store::StoredDocument d) {
      documents.push_back(std::move(d));
      return true;
    }).ok());
    std::vector<PutResult> results;
    for (const auto& d : documents) {
      CHECK(d.document.body == page.body);  // raw bytes survive the zstd round trip
      auto outcome = store->Reprocess(d.id, processor.Process(d.document), processor.version());
      REQUIRE(outcome.ok());
      results.push_back(outcome->result);
    }
    REQUIRE(store->Flush().ok());
    CHECK(*store->CountDocuments(stale) == 0);  // done rows are not visited again (resumable)
    return results;
  };
  CHECK(reprocess_with(*shipped).empty());  // nothing is stale for the version that made it
  REQUIRE(reprocess_with(*edited) == std::vector<PutResult>{PutResult::kUpdated});
  CHECK(ExportAll(*store, ExportKind::kArticles, cursor).size() == 1);
  CHECK(ExportAll(*store, ExportKind::kMentions, cursor).size() < mentions_before);
  // Run again with the same data, the result is the same and nothing enters the change feed.
  const std::int64_t after_edit = ExportAll(*store, ExportKind::kArticles).back()["cursor"];
  std::int64_t id = 0;
  REQUIRE(store->ForEachDocument({"", "", "no such version"}, [&](Store::StoredDocument d) {
    id = d.id;
    return false;
  }).ok());
  auto again = store->Reprocess(id, edited->Process(page), edited->version());
  REQUIRE(again.ok());
  CHECK(again->result == PutResult::kUnchanged);
  REQUIRE(store->Flush().ok());
  CHECK(ExportAll(*store, ExportKind::kArticles, after_edit).empty());
  CHECK(ExportAll(*store, ExportKind::kMentions, after_edit).empty());
}

TEST_CASE("a foreign or corrupt database is refused and never modified") {
  TempDir dir;
  {
    auto foreign = sql::Database::Open(dir.File("foreign.db"), true);
    REQUIRE(foreign.ok());
    REQUIRE((*foreign)->Execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT); "
                                "INSERT INTO customers(name) VALUES ('Acme');").ok());
  }
  std::string before = ReadFile(dir.File("foreign.db"));
  auto store = Store::Open(dir.File("foreign.db"), kSchemas, Store::Mode::kCreate);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == Status::Code::kCorruption);
  CHECK_THAT(store.status().message(), Catch::Contains("foreign.db") && Catch::Contains("not a tradewire store"));
  CHECK(ReadFile(dir.File("foreign.db")) == before);

  WriteFile(dir.File("garbage.db"), std::string(5000, 'x'));
  auto garbage = Store::Open(dir.File("garbage.db"), kSchemas, Store::Mode::kCreate);
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.status().code() == Status::Code::kCorruption);
  CHECK(ReadFile(dir.File("garbage.db")) == std::string(5000, 'x'));

  auto missing = Store::Open(dir.File("missing.db"), kSchemas, Store::Mode::kExisting);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == Status::Code::kNotFound);

  // Through the CLI: one clear line naming the file, exit 2.
  auto cli = RunTradewire({"export", "--db", dir.File("foreign.db")});
  CHECK(cli.exit_code == 2);
  CHECK_THAT(cli.err, Catch::Contains("foreign.db"));
  CHECK(ReadFile(dir.File("foreign.db")) == before);
}

TEST_CASE("a store from a newer tradewire is refused") {
  TempDir dir;
  { OpenStore(dir.File("s.db")); }
  {
    auto db = sql::Database::Open(dir.File("s.db"), false);
    REQUIRE(db.ok());
    REQUIRE((*db)->Execute("PRAGMA user_version = 999").ok());
  }
  auto store = Store::Open(dir.File("s.db"), kSchemas, Store::Mode::kExisting);
  REQUIRE_FALSE(store.ok());
  CHECK_THAT(store.status().message(), Catch::Contains("newer"));
}

TEST_CASE("one writer at a time: a second run exits 75 at once with a clear message") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  REQUIRE(store->LockForWriting().ok());
  auto second = Store::Open(dir.File("s.db"), kSchemas, Store::Mode::kExisting);
  REQUIRE(second.ok());
  Status locked = (*second)->LockForWriting();
  CHECK(locked.code() == Status::Code::kLocked);
  WriteFile(dir.File("page.html"), "<html><body><p>text</p></body></html>");
  auto cli = RunTradewire({"import", "--db", dir.File("s.db"), dir.File("page.html")});
  CHECK(cli.exit_code == 75);
  CHECK_THAT(cli.err, Catch::Contains("another tradewire run"));
  // Readers are not blocked by a writer in the middle of a batch, and see only what it committed.
  REQUIRE(store->Put(Page("https://a.example/1", "x"), Processed("https://a.example/1", kStory), "v1").ok());
  auto during = RunTradewire({"stats", "--db", dir.File("s.db")});
  REQUIRE(during.exit_code == 0);
  CHECK(json::parse(during.out)["articles"] == 0);
  auto export_during = RunTradewire({"export", "--db", dir.File("s.db")});
  CHECK(export_during.exit_code == 0);
  CHECK(export_during.out.empty());
  auto flushed = store->Flush();
  INFO(flushed.message());
  REQUIRE(flushed.ok());
  INFO((*store->Stats()).dump());
  auto after = RunTradewire({"stats", "--db", dir.File("s.db")});
  REQUIRE(after.exit_code == 0);
  INFO(after.out);
  CHECK(json::parse(after.out)["articles"] == 1);
}

TEST_CASE("full-text search finds articles by words of their text") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  REQUIRE(store->Put(Page("https://a.example/1", "x"), Processed("https://a.example/1", kStory), "v1").ok());
  SearchRequest request;
  request.query = "\"network usage fees\"";
  request.fts_syntax = true;
  auto hits = Search(*store, request);
  REQUIRE(hits.ok());
  REQUIRE(hits->rows.size() == 1);
  CHECK_THAT(hits->rows[0].snippet, Catch::Contains("[network"));
  request.query = "\"unbalanced";
  CHECK(Search(*store, request).status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("the events query places a month by its days, and a week with the undated") {
  TempDir dir;
  auto store = OpenStore(dir.File("s.db"));
  auto event = [](const std::string& kind, const std::string& start, const std::string& end) {
    Event e;
    e.kind = kind;
    e.start_date = start;
    e.end_date = end;
    e.attributes = json::object();
    e.evidence = {{0, 5, "Seoul"}};
    return e;
  };
  REQUIRE(store->Put(Page("https://a.example/1", "x"),
                     Processed("https://a.example/1", kStory,
                               {event("meeting", "2025-04", "2025-04"), event("deadline", "2025-05-02", "2025-05-02"),
                                event("report_release", "2025-W24", "2025-W24")}), "v1").ok());
  REQUIRE(store->Flush().ok());
  auto kinds = [&](const std::string& since, const std::string& until) {
    EventFilter filter;
    filter.dates = {since, until};
    auto answer = QueryEvents(*store, filter);
    REQUIRE(answer.ok());
    std::vector<std::string> out;
    for (const EventRecord& e : answer->rows) out.push_back(e.kind);
    return out;
  };
  // Newest first; the week (after both by its text, '2025-W24' > '2025-05') is not placed by day.
  CHECK(kinds("", "") == std::vector<std::string>{"deadline", "meeting", "report_release"});
  // April overlaps a range from the middle of April.
  CHECK(kinds("2025-04-15", "2025-04-30") == std::vector<std::string>{"meeting"});
  CHECK(kinds("2025-05-01", "") == std::vector<std::string>{"deadline"});
}
