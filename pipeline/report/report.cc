#include "pipeline/report/report.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "extractors/text/calendar.h"
#include "pipeline/report/chart.h"
#include "pipeline/report/html.h"

namespace tradewire {
namespace {
using nlohmann::json;

// Beyond these a section lists the newest and says how many it left out, so that a report of a large store stays
// a file one can mail (the commands `events` and `mentions` list everything).
constexpr std::size_t kMaxEvents = 400;
constexpr std::size_t kMaxArticlesPerCategory = 60;
constexpr std::size_t kMaxRates = 300;
constexpr std::size_t kMaxOfficials = 200;
constexpr std::size_t kMaxNewArticles = 100;
// An event reported by many articles shows the first few with their evidence, then links to some more.
constexpr std::size_t kMaxSourcesWithEvidence = 5;
constexpr std::size_t kMaxSourceLinks = 20;

constexpr const char* kStyle = R"css(
:root { --ink:#1d2433; --muted:#5b6475; --line:#d9dee7; --paper:#ffffff; --band:#f4f6fa; --accent:#0b4f8a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
  background: var(--paper); }
header { background: #12324f; color: #fff; padding: 22px 32px 18px; }
header h1 { margin: 0 0 4px; font-size: 26px; font-weight: 700; }
header p { margin: 0; color: #c9d6e6; font-size: 13px; }
main { max-width: 1040px; margin: 0 auto; padding: 8px 32px 40px; }
h2 { font-size: 19px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h2 small { font-weight: 400; color: var(--muted); font-size: 13px; margin-left: 8px; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
.cards { display: flex; gap: 12px; margin: 18px 0 4px; flex-wrap: wrap; }
.card { flex: 1 1 120px; background: var(--band); border-radius: 6px; padding: 10px 14px; }
.card b { display: block; font-size: 24px; } .card span { color: var(--muted); font-size: 12px; }
.empty { background: var(--band); padding: 16px; border-radius: 6px; color: var(--muted); }
.new { border-left: 4px solid #E69F00; background: #fff8ea; padding: 8px 14px; border-radius: 0 6px 6px 0; }
.new ul { margin: 6px 0; padding-left: 20px; }
.event { display: grid; grid-template-columns: 170px 1fr; gap: 14px; padding: 12px 0; border-bottom: 1px solid var(--line);
  break-inside: avoid; }
.when { font-weight: 700; font-size: 14px; white-space: nowrap; } .when small { display: block; font-weight: 400; color: var(--muted); }
.kind { display: inline-block; font-size: 11px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase;
  color: #fff; border-radius: 3px; padding: 1px 6px; margin-right: 6px; vertical-align: 2px; }
.k-meeting { background: #0072B2; } .k-tariff_action { background: #D55E00; } .k-deadline { background: #7A5195; }
.k-report_release { background: #009E73; } .k-other { background: #5b6475; }
.flag { font-size: 11px; font-weight: 700; color: #a05a00; margin-left: 6px; }
.what { font-weight: 700; font-size: 16px; }
.who { margin: 3px 0; } .who span { white-space: nowrap; } .who em { color: var(--muted); font-style: normal; }
.chip { display: inline-block; background: var(--band); border: 1px solid var(--line); border-radius: 10px;
  font-size: 11.5px; padding: 0 8px; margin: 2px 4px 2px 0; }
.sources { margin: 6px 0 0; padding: 0; list-style: none; }
.sources li { margin: 6px 0; }
.sources q { display: block; color: #39404d; font-size: 13.5px; border-left: 3px solid var(--line); padding-left: 8px;
  margin-top: 2px; quotes: "\201C" "\201D"; }
.meta { color: var(--muted); font-size: 12.5px; }
.sources .meta { white-space: nowrap; }
.chart { width: 100%; height: auto; max-width: 760px; display: block; margin: 6px 0; }
.chart .grid { stroke: #e5e8ee; } .chart .baseline { stroke: #1d2433; }
.chart .axis { font-size: 11px; fill: #5b6475; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; margin: 4px 0 10px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
details { border-bottom: 1px solid var(--line); padding: 6px 0; }
summary { cursor: pointer; font-weight: 600; } summary .meta { font-weight: 400; }
details ul { margin: 6px 0 4px; padding-left: 22px; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--band); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
.more { color: var(--muted); font-size: 13px; margin: 8px 0; }
footer { color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); margin-top: 36px; padding-top: 8px; }
@media print {
  header { background: none; color: var(--ink); padding: 0 0 8px; border-bottom: 2px solid var(--ink); }
  header p { color: var(--muted); }
  main { max-width: none; padding: 0; }
  a { color: var(--ink); }
  .sources a::after { content: " <" attr(href) ">"; font-size: 10px; color: var(--muted); word-break: break-all; }
  h2 { break-after: avoid; }
  details::details-content { content-visibility: visible; display: block; }  /* a printout has no clicks */
  .kind, .swatch, .chart rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

std::string Escaped(std::string_view text) { return HtmlEscape(text); }

std::string Link(const std::string& url, const std::string& text) {
  return "<a href=\"" + HtmlHref(url) + "\">" + Escaped(text.empty() ? url : text) + "</a>";
}

std::string DayOf(const std::string& date) { return date.substr(0, std::min<std::size_t>(10, date.size())); }

// "2025-05-20 – 05-22", "2025-04", or "date not given".
std::string EventDates(const EventRecord& event) {
  if (event.start_date.empty()) return "date not given";
  if (event.end_date.empty() || event.end_date == event.start_date) return event.start_date;
  std::string end = event.end_date;
  if (end.size() == 10 && end.compare(0, 5, event.start_date, 0, 5) == 0) end = end.substr(5);
  return event.start_date + " – " + end;
}

std::string KindLabel(const std::string& kind) {
  if (kind == "meeting") return "Meeting";
  if (kind == "report_release") return "Report";
  if (kind == "tariff_action") return "Tariff action";
  if (kind == "deadline") return "Deadline";
  return kind;
}

std::string CategoryName(const ReportRequest& request, const std::string& id) {
  auto found = request.category_names.find(id);
  return found != request.category_names.end() ? found->second : id;
}

std::string AttributeText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number()) {
    std::string text = value.dump();
    if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
    return text;
  }
  if (value.is_array()) {
    std::string out;
    for (const json& item : value) out += (out.empty() ? "" : ", ") + AttributeText(item);
    return out;
  }
  return value.dump();
}

// What the event was, in a line: "Round 2 · working-level · Washington", "NTE 2025", "25% · KR".
std::string EventHeadline(const EventRecord& event) {
  const json& a = event.attributes;
  std::vector<std::string> parts;
  if (a.contains("report")) parts.push_back(AttributeText(a["report"]) + (a.contains("year") ? " " + AttributeText(a["year"]) : "") + " report released");
  if (a.contains("round")) parts.push_back("Round " + AttributeText(a["round"]));
  if (a.contains("level")) parts.push_back(AttributeText(a["level"]));
  if (a.contains("rate")) parts.push_back(AttributeText(a["rate"]) + "% tariff");
  if (a.contains("products")) parts.push_back(AttributeText(a["products"]));
  if (a.contains("product")) parts.push_back(AttributeText(a["product"]));
  if (a.contains("country")) parts.push_back("on " + AttributeText(a["country"]));
  if (!event.place.empty()) parts.push_back("in " + event.place);
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : " · ") + part;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string PersonHtml(const Official& person) {
  std::string out = "<span>" + Escaped(person.name.empty() ? person.id : person.name);
  std::string about = person.title;
  if (!person.org.empty()) about += (about.empty() ? "" : ", ") + person.org;
  if (!about.empty()) out += " <em>(" + Escaped(about) + ")</em>";
  return out + "</span>";
}

void AppendEvent(std::string& html, const EventRecord& event, const ReportRequest& request) {
  std::string kind_class = "k-" + (std::set<std::string>{"meeting", "report_release", "tariff_action", "deadline"}.count(event.kind)
                                       ? event.kind : std::string("other"));
  html += "<article class=\"event\" id=\"event-" + std::to_string(event.id) + "\"><div class=\"when\">" +
          Escaped(EventDates(event)) + "<small>" + std::to_string(event.sources.size()) +
          (event.sources.size() == 1 ? " source" : " sources") + "</small></div><div>";
  html += "<div class=\"what\"><span class=\"kind " + kind_class + "\">" + Escaped(KindLabel(event.kind)) + "</span>" +
          Escaped(EventHeadline(event)) + (event.is_new ? "<span class=\"flag\">NEW</span>" : "") + "</div>";
  if (!event.participants.empty()) {
    html += "<div class=\"who\">";
    for (std::size_t i = 0; i < event.participants.size(); ++i) html += (i ? "; " : "") + PersonHtml(event.participants[i]);
    html += "</div>";
  }
  if (event.attributes.contains("topics") && event.attributes["topics"].is_array()) {
    html += "<div>";
    for (const json& topic : event.attributes["topics"]) {
      if (topic.is_string()) html += "<span class=\"chip\">" + Escaped(CategoryName(request, topic.get<std::string>())) + "</span>";
    }
    html += "</div>";
  }
  html += "<ul class=\"sources\">";
  for (std::size_t i = 0; i < event.sources.size() && i < kMaxSourcesWithEvidence; ++i) {
    const EventSource& source = event.sources[i];
    html += "<li>" + Link(source.url, source.title) + " <span class=\"meta\">" +
            Escaped(source.site_name.empty() ? "" : source.site_name + " · ") + Escaped(DayOf(source.published)) +
            "</span>";
    for (const std::string& sentence : source.evidence) html += "<q>" + Escaped(sentence) + "</q>";
    html += "</li>";
  }
  if (event.sources.size() > kMaxSourcesWithEvidence) {
    std::size_t linked = std::min(event.sources.size(), kMaxSourcesWithEvidence + kMaxSourceLinks);
    html += "<li class=\"meta\">Also reported by " + std::to_string(event.sources.size() - kMaxSourcesWithEvidence) +
            " more: ";
    for (std::size_t i = kMaxSourcesWithEvidence; i < linked; ++i) {
      html += (i > kMaxSourcesWithEvidence ? ", " : "") + Link(event.sources[i].url, DayOf(event.sources[i].published) + " " + event.sources[i].site_name);
    }
    if (linked < event.sources.size()) html += " …";
    html += "</li>";
  }
  html += "</ul></div></article>";
}

std::string More(std::size_t shown, std::size_t total, const std::string& command) {
  if (total <= shown) return "";
  return "<p class=\"more\">The newest " + std::to_string(shown) + " of " + std::to_string(total) + " are shown; <code>" +
         Escaped(command) + "</code> lists them all.</p>";
}

void AppendTimeline(std::string& html, const std::vector<EventRecord>& events, const ReportRequest& request) {
  html += "<section id=\"timeline\"><h2>Timeline of events<small>newest first; every source with the sentences that "
          "report the event</small></h2>";
  if (events.empty()) html += "<p class=\"empty\">No events in this period.</p>";
  for (std::size_t i = 0; i < events.size() && i < kMaxEvents; ++i) AppendEvent(html, events[i], request);
  html += More(kMaxEvents, events.size(), "tradewire events --db " + request.store_name) + "</section>";
}

// Chart periods: weeks for a span of up to four months, months up to four years, else years.
struct Periods {
  std::vector<std::string> labels;
  std::map<std::string, std::size_t> index_of_day;  // memo: day → period index
  enum class Unit { kWeek, kMonth, kYear } unit = Unit::kMonth;

  static Periods Spanning(const std::string& first, const std::string& last) {
    Periods p;
    auto a = ParseIsoDay(first), b = ParseIsoDay(last);
    if (!a || !b) return p;
    long span = DaysFromCivil(*b) - DaysFromCivil(*a);
    p.unit = span <= 120 ? Unit::kWeek : span <= 4 * 366 ? Unit::kMonth : Unit::kYear;
    std::string end = p.Label(*b);
    for (CivilDay day = *a;; day = p.unit == Unit::kWeek ? AddDays(day, 7) : p.unit == Unit::kMonth ? AddMonths(day, 1) : AddMonths(day, 12)) {
      std::string label = p.Label(day);
      if (p.labels.empty() || p.labels.back() != label) p.labels.push_back(label);
      if (label == end || p.labels.size() > 400) break;
    }
    return p;
  }
  std::string Label(CivilDay day) const {
    if (unit == Unit::kWeek) return FormatWeek(IsoWeekOf(day));
    if (unit == Unit::kMonth) return FormatMonth(day.year, day.month);
    return FormatYear(day.year);
  }
  std::optional<std::size_t> Of(const std::string& date) const {
    auto day = ParseIsoDay(date);
    if (!day) return std::nullopt;
    auto at = std::find(labels.begin(), labels.end(), Label(*day));
    if (at == labels.end()) return std::nullopt;
    return at - labels.begin();
  }
};

struct CategoryMentions {
  std::string id;
  std::size_t mentions = 0;
  // Per article, newest first: the article and the measures it names.
  std::vector<std::pair<const MentionRecord*, std::vector<std::string>>> articles;
};

std::vector<CategoryMentions> ByCategory(const std::vector<MentionRecord>& mentions) {
  std::map<std::string, CategoryMentions> by_id;
  for (const MentionRecord& m : mentions) {
    std::string id = m.value.is_object() && m.value.contains("category") ? AttributeText(m.value["category"]) : "other";
    CategoryMentions& c = by_id[id];
    c.id = id;
    ++c.mentions;
    if (c.articles.empty() || c.articles.back().first->article_id != m.article_id) c.articles.push_back({&m, {}});
    std::string measure = m.value.is_object() && m.value.contains("measure") ? AttributeText(m.value["measure"]) : m.text;
    auto& measures = c.articles.back().second;
    if (std::find(measures.begin(), measures.end(), measure) == measures.end()) measures.push_back(measure);
  }
  std::vector<CategoryMentions> out;
  for (auto& [id, c] : by_id) out.push_back(std::move(c));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.mentions > b.mentions; });
  return out;
}

void AppendBarriers(std::string& html, const std::vector<MentionRecord>& mentions, const ReportRequest& request) {
  html += "<section id=\"barriers\"><h2>Barrier mentions by category<small>by the publication date of the articles; "
          "open a category for its articles</small></h2>";
  if (mentions.empty()) {
    html += "<p class=\"empty\">No barrier mentions in this period.</p></section>";
    return;
  }
  std::vector<CategoryMentions> categories = ByCategory(mentions);
  std::string first, last;
  for (const MentionRecord& m : mentions) {
    std::string day = DayOf(m.published);
    if (!ParseIsoDay(day)) continue;
    if (first.empty() || day < first) first = day;
    if (last.empty() || day > last) last = day;
  }
  Periods periods = Periods::Spanning(first, last);
  std::vector<StackedSeries> series;
  std::size_t undated = 0;
  for (std::size_t i = 0; i < categories.size(); ++i) {
    StackedSeries s{CategoryName(request, categories[i].id), PaletteColour(i), std::vector<int>(periods.labels.size(), 0)};
    for (const MentionRecord& m : mentions) {
      std::string id = m.value.is_object() && m.value.contains("category") ? AttributeText(m.value["category"]) : "other";
      if (id != categories[i].id) continue;
      if (auto at = periods.Of(DayOf(m.published))) ++s.counts[*at]; else ++undated;
    }
    series.push_back(std::move(s));
  }
  const char* unit = periods.unit == Periods::Unit::kWeek ? "week" : periods.unit == Periods::Unit::kMonth ? "month" : "year";
  if (!periods.labels.empty()) {
    html += StackedBarChartSvg(periods.labels, series, std::string("Barrier mentions per ") + unit + " by category");
  }
  html += "<div class=\"legend\">";
  for (const StackedSeries& s : series) {
    html += "<span><i class=\"swatch\" style=\"background:" + s.colour + "\"></i>" + Escaped(s.name) + "</span>";
  }
  html += "</div>";
  if (undated) html += "<p class=\"more\">" + std::to_string(undated) + " mentions in undated articles are not in the chart.</p>";
  for (std::size_t i = 0; i < categories.size(); ++i) {
    const CategoryMentions& c = categories[i];
    html += "<details id=\"barrier-" + Escaped(c.id) + "\"><summary><i class=\"swatch\" style=\"background:" +
            PaletteColour(i) + "\"></i>" + Escaped(CategoryName(request, c.id)) + " <span class=\"meta\">" +
            std::to_string(c.mentions) + (c.mentions == 1 ? " mention in " : " mentions in ") + std::to_string(c.articles.size()) + (c.articles.size() == 1 ? " article" : " articles") + "</span></summary><ul>";
    for (std::size_t j = 0; j < c.articles.size() && j < kMaxArticlesPerCategory; ++j) {
      const MentionRecord& m = *c.articles[j].first;
      std::string measures;
      for (const std::string& measure : c.articles[j].second) measures += (measures.empty() ? "" : "; ") + measure;
      html += "<li><span class=\"meta\">" + Escaped(DayOf(m.published)) + "</span> " + Link(m.url, m.title) +
              " — " + Escaped(measures) + "</li>";
    }
    html += "</ul>" + More(kMaxArticlesPerCategory, c.articles.size(), "tradewire mentions --type barrier --value " + c.id) +
            "</details>";
  }
  html += "</section>";
}

void AppendOfficials(std::string& html, const std::vector<Official>& officials, const ReportRequest& request) {
  html += "<section id=\"officials\"><h2>Officials<small>named in the period's articles, most often first</small></h2>";
  if (officials.empty()) {
    html += "<p class=\"empty\">No officials named in this period.</p></section>";
    return;
  }
  html += "<table><thead><tr><th>Who</th><th>Title</th><th>Organization</th><th>Country</th><th>Articles</th>"
          "<th>First seen</th><th>Last seen</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < officials.size() && i < kMaxOfficials; ++i) {
    const Official& o = officials[i];
    html += "<tr><td>" + Escaped(o.name) + "</td><td>" + Escaped(o.title) + "</td><td>" + Escaped(o.org) + "</td><td>" +
            Escaped(o.country) + "</td><td class=\"num\">" + std::to_string(o.articles) + "</td><td class=\"num\">" +
            Escaped(o.first_seen) + "</td><td class=\"num\">" + Escaped(o.last_seen) + "</td></tr>";
  }
  html += "</tbody></table>" + More(kMaxOfficials, officials.size(), "tradewire mentions --type official --db " + request.store_name) + "</section>";
}

std::string RateText(const json& value, const std::string& text) {
  if (!value.is_object()) return text;
  std::string unit = value.contains("unit") && value["unit"] == "percentage points" ? " pp" : "%";
  if (value.contains("number")) return AttributeText(value["number"]) + unit;
  if (value.contains("low") && value.contains("high")) return AttributeText(value["low"]) + "–" + AttributeText(value["high"]) + unit;
  return text;
}

std::string Field(const json& value, const char* key) {
  return value.is_object() && value.contains(key) && !value[key].is_null() ? AttributeText(value[key]) : "";
}

void AppendRates(std::string& html, const std::vector<MentionRecord>& rates, const ReportRequest& request) {
  html += "<section id=\"rates\"><h2>Rates<small>every percentage reported, with what it qualifies</small></h2>";
  if (rates.empty()) {
    html += "<p class=\"empty\">No rates reported in this period.</p></section>";
    return;
  }
  html += "<table><thead><tr><th>Rate</th><th>Of</th><th>Country</th><th>Product</th><th>Source</th><th>Date</th>"
          "</tr></thead><tbody>";
  for (std::size_t i = 0; i < rates.size() && i < kMaxRates; ++i) {
    const MentionRecord& r = rates[i];
    html += "<tr><td class=\"num\">" + Escaped(RateText(r.value, r.text)) + "</td><td>" + Escaped(Field(r.value, "of")) +
            "</td><td>" + Escaped(Field(r.value, "country")) + "</td><td>" + Escaped(Field(r.value, "product")) +
            "</td><td>" + Link(r.url, r.title) + "</td><td class=\"num\">" + Escaped(DayOf(r.published)) + "</td></tr>";
  }
  html += "</tbody></table>" + More(kMaxRates, rates.size(), "tradewire mentions --type percentage --db " + request.store_name) + "</section>";
}

void AppendNewSince(std::string& html, const std::vector<ArticleRecord>& articles, const std::vector<EventRecord>& events,
                    const ReportRequest& request) {
  std::string since = request.new_since.cursor >= 0 ? "cursor " + std::to_string(request.new_since.cursor)
                                                    : request.new_since.date;
  html += "<section id=\"new\"><h2>New since " + Escaped(since) + "</h2><div class=\"new\">";
  std::size_t new_events = std::count_if(events.begin(), events.end(), [](const EventRecord& e) { return e.is_new; });
  if (articles.empty() && new_events == 0) {
    html += "Nothing new.</div></section>";
    return;
  }
  html += "<b>" + std::to_string(articles.size()) + " new articles</b>, <b>" + std::to_string(new_events) +
          " new or changed events</b> (marked NEW in the timeline).<ul>";
  for (std::size_t i = 0; i < articles.size() && i < kMaxNewArticles; ++i) {
    const ArticleRecord& a = articles[i];
    html += "<li><span class=\"meta\">" + Escaped(DayOf(a.published)) + "</span> " + Link(a.url, a.title) +
            (a.site_name.empty() ? "" : " <span class=\"meta\">" + Escaped(a.site_name) + "</span>") + "</li>";
  }
  html += "</ul>" + More(kMaxNewArticles, articles.size(), "tradewire export --since CURSOR") + "</div></section>";
}

std::string Card(std::size_t count, const std::string& what) {
  return "<div class=\"card\"><b>" + std::to_string(count) + "</b><span>" + Escaped(what) + "</span></div>";
}

std::string PeriodText(const DateRange& dates) {
  if (dates.since.empty() && dates.until.empty()) return "all dates";
  if (dates.until.empty()) return "from " + dates.since;
  if (dates.since.empty()) return "until " + dates.until;
  return dates.since + " to " + dates.until;
}

}  // namespace

std::map<std::string, std::string> BarrierCategoryNames(const std::string& taxonomy_json) {
  std::map<std::string, std::string> names;
  json taxonomy = json::parse(taxonomy_json, nullptr, false);
  if (!taxonomy.is_object() || !taxonomy.contains("categories")) return names;
  for (const json& c : taxonomy["categories"]) {
    if (c.is_object() && c.contains("id") && c.contains("name") && c["id"].is_string() && c["name"].is_string()) {
      names[c["id"].get<std::string>()] = c["name"].get<std::string>();
    }
  }
  return names;
}

StatusOr<std::string> RenderReport(Store& store, const ReportRequest& request) {
  EventFilter all_events;
  all_events.dates = request.dates;
  all_events.new_since = request.new_since;
  auto events = QueryEvents(store, all_events);
  if (!events.ok()) return events.status();
  MentionFilter mentions;
  mentions.dates = request.dates;
  mentions.type = "barrier";
  auto barriers = QueryMentions(store, mentions);
  if (!barriers.ok()) return barriers.status();
  mentions.type = "percentage";
  auto rates = QueryMentions(store, mentions);
  if (!rates.ok()) return rates.status();
  auto officials = QueryOfficials(store, request.dates);
  if (!officials.ok()) return officials.status();
  auto fresh = QueryNewArticles(store, request.new_since);
  if (!fresh.ok()) return fresh.status();
  StatusOr<nlohmann::json> stats = store.Stats();
  if (!stats.ok()) return stats.status();
  std::size_t article_count = (*stats)["articles"].get<std::int64_t>();

  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
                     "<title>" + Escaped(request.title) + "</title><style>" + kStyle + "</style></head><body>";
  html += "<header><h1>" + Escaped(request.title) + "</h1><p>" + Escaped(PeriodText(request.dates)) + " · store " +
          Escaped(request.store_name) + " · generated " + Escaped(request.generated_at) + " by tradewire</p></header><main>";
  if (article_count == 0) {
    html += "<p class=\"empty\" id=\"empty-store\">This store holds no articles yet: run <code>tradewire ingest</code> "
            "or <code>tradewire import</code> first.</p></main></body></html>\n";
    return html;
  }
  html += "<div class=\"cards\">" + Card(events->rows.size(), "events") + Card(article_count, "articles in the store") +
          Card(officials->size(), "officials named") + Card(barriers->rows.size(), "barrier mentions") +
          Card(rates->rows.size(), "rates reported") + "</div>";
  if (request.new_since.active()) AppendNewSince(html, *fresh, events->rows, request);
  AppendTimeline(html, events->rows, request);
  AppendBarriers(html, barriers->rows, request);
  AppendOfficials(html, *officials, request);
  AppendRates(html, rates->rows, request);
  html += "<footer>Made by tradewire from the articles in the store: events are merged across the articles that report "
          "them; every statement links to its source.</footer></main></body></html>\n";
  return html;
}

}  // namespace tradewire
