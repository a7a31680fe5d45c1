#include "extractors/html/metadata/dates.h"

#include <gumbo.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <strings.h>

#include "extractors/html/dom.h"
#include "extractors/html/metadata/words.h"
#include "extractors/html/page.h"
#include "extractors/text/utf8.h"
#include "extractors/text/calendar.h"

namespace tradewire::metadata {

std::string IsoDay(int year, int month, int day) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31) return "";
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
  return out;
}

namespace {

bool IsUpdateLabel(std::string_view text) {
  std::string key = Key(text.substr(0, 40));
  return key.find("updat") != std::string::npos || key.find("modif") != std::string::npos ||
         key.find("revis") != std::string::npos || key.find("current as of") != std::string::npos ||
         key.find("reviewed") != std::string::npos;
}

}  // namespace

bool DatesInText(std::string_view text, std::string* published, std::string* updated) {
  std::string first = NormalizeDate(text);
  if (first.empty()) return false;
  if (!IsUpdateLabel(text)) {
    *published = first;
    return true;
  }
  *updated = first;
  // The publication is the date after its own label.
  std::string lower = AsciiLower(text);  // same byte offsets as text
  for (std::string_view label : {"published", "posted"}) {
    std::size_t at = lower.find(label);
    if (at == std::string::npos) continue;
    std::string later = NormalizeDate(text.substr(at));
    if (!later.empty()) {
      *published = later;
      if (lower.rfind("updat", at) == std::string::npos && lower.rfind("modif", at) == std::string::npos) {
        updated->clear();  // "Published Mar 2 (updated later)": the first date was the publication's
      }
      break;
    }
  }
  return true;
}

namespace {

// A table, a table row of several cells, or one of its cells ("1/1/2013 | +13.1%"): data, not the page's date. A layout
// table's cell holds the page rather than being this short.
bool IsDataCell(const PageIndex& page, int32_t i) {
  const PageNode& n = page[i];
  // The whole table's text is no date line either; its rows and cells are judged one by one.
  if (n.tag == GUMBO_TAG_TABLE || n.tag == GUMBO_TAG_TBODY || n.tag == GUMBO_TAG_THEAD || n.tag == GUMBO_TAG_TFOOT) {
    return true;
  }
  int32_t row = n.tag == GUMBO_TAG_TR ? i : (n.tag == GUMBO_TAG_TD || n.tag == GUMBO_TAG_TH) ? n.parent : -1;
  if (row < 0 || page[row].tag != GUMBO_TAG_TR) return false;
  int cells = 0;
  for (int32_t j = row + 1; j < page[row].end; j = page[j].end) {
    if (page[j].tag == GUMBO_TAG_TD || page[j].tag == GUMBO_TAG_TH) ++cells;
  }
  return cells >= 2;
}

// Text standing alone as a line in a large container: "<legend>Headline</legend> 20 December 2025 <div>…". Text
// beside inline elements is part of a sentence ("On <a>March 3</a>, 2025, …") and is read with its paragraph.
bool IsLooseLine(const PageIndex& page, int32_t i) {
  const PageNode& n = page[i];
  if (n.hidden || n.parent < 0 || page[n.parent].all_length <= 120) return false;  // short: read as an element
  int32_t length = CollapsedLength(n.node->v.text.text);
  if (length < 6 || length > 80) return false;
  switch (page[n.parent].tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BODY:
      break;
    default:
      return false;
  }
  // The siblings next to it, white space aside: the one before is found by climbing from the node just before
  // (the last of its subtree), which costs no more than that subtree's size.
  int32_t parent = n.parent, before = -1, after = NextSibling(page, i);
  for (int32_t j = i - 1; j > parent;) {
    while (page[j].parent != parent) j = page[j].parent;
    if (!IsBlankText(page, j)) {
      before = j;
      break;
    }
    j = j - 1;
  }
  auto is_line_edge = [&](int32_t j) {
    return j < 0 || (!page[j].is_text && (IsBlockTag(page[j].tag) || page[j].tag == GUMBO_TAG_LEGEND ||
                                          page[j].tag == GUMBO_TAG_HEADER || page[j].tag == GUMBO_TAG_FIGURE ||
                                          page[j].tag == GUMBO_TAG_HR || page[j].never_text));
  };
  return is_line_edge(before) && is_line_edge(after);
}

// The date after "originally published" / "first published" in a short passage of [start, end), or "".
std::string OriginalPublication(const PageIndex& page, int32_t start, int32_t end) {
  static const RE2 kAfterLabel(R"((?i)(?:originally|first)\s+(?:published|posted|appeared)(.{0,60}))");
  for (int32_t i = start; i < end; ++i) {
    const PageNode& n = page[i];
    if (!n.is_text || n.hidden || n.parent < 0) continue;
    std::string_view text = n.node->v.text.text;
    if (text.find("ublished") == std::string_view::npos && text.find("osted") == std::string_view::npos &&
        text.find("ppeared") == std::string_view::npos) {
      continue;
    }
    if (page[n.parent].all_length > 300) continue;
    std::string after;
    if (!RE2::PartialMatch(page.Text(n.parent, false, 400), kAfterLabel, &after)) continue;
    std::string date = NormalizeDate(after);
    if (!date.empty()) return date;
  }
  return "";
}

// Dates that scripts carry for the page (Next.js, Nuxt and CMS data blobs): "datePublished":"2023-06-08T…".
std::string DateInScripts(const PageIndex& page) {
  static const RE2 kKey(
      R"re(\\*"(?:datePublished|publishedAt|published_at|publishDate|publish_date|publishedDate|published_date|)re"
      R"re(firstPublishedAt|first_publication_date|date_published|datePosted|date_posted|postDate|post_date|pubDate|)re"
      R"re(dateCreated)\\*"\s*:\s*\\*"([^"\\]{8,40}))re");
  std::size_t budget = 4 << 20;  // bytes of script text searched at most
  for (int32_t i = 0; i < page.size() && budget > 0; ++i) {
    const PageNode& n = page[i];
    if (n.is_text || n.tag != GUMBO_TAG_SCRIPT) continue;
    i = n.end - 1;
    const char* type = Attr(n.node, "type");
    if (type && std::strstr(type, "ld+json")) continue;  // read as JSON-LD already
    if (n.node->v.element.children.length == 0) continue;
    const auto* text = static_cast<const GumboNode*>(n.node->v.element.children.data[0]);
    if (text->type != GUMBO_NODE_TEXT && text->type != GUMBO_NODE_CDATA) continue;
    std::string_view script = text->v.text.text;
    script = script.substr(0, budget);
    budget -= script.size();
    if (script.find("ate") == std::string_view::npos && script.find("At\"") == std::string_view::npos) continue;
    std::string value;
    if (RE2::PartialMatch(script, kKey, &value)) {
      std::string day = NormalizeDate(value);
      if (!day.empty()) return day;
    }
  }
  return "";
}

// "/2024/11/05/", "/20241105/", "/2023/october/03/".
std::string DateInUrl(std::string_view url) {
  static const RE2 kUrlDate(R"(/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$))");
  static const RE2 kCompact(R"(/((?:19|20)\d{2})(\d{2})(\d{2})/)");
  static const RE2 kMonthNamed(
      R"((?i)/((?:19|20)\d{2})/(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|)"
      R"(sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)/(\d{1,2})(?:/|[-_.]|$))");
  int year = 0, month = 0, day = 0;
  std::string month_name;
  if (RE2::PartialMatch(url, kUrlDate, &year, &month, &day) || RE2::PartialMatch(url, kCompact, &year, &month, &day)) {
    return IsoDay(year, month, day);
  }
  if (RE2::PartialMatch(url, kMonthNamed, &year, &month_name, &day)) {
    return IsoDay(year, MonthFromName(month_name), day);
  }
  return "";
}

// "2023-03-10" read from "03/10/2023" where the URL says 2023-10-03: the page writes its numeric dates day first.
bool SwapsMonthAndDay(std::string_view day, std::string_view other) {
  return day.size() >= 10 && other.size() >= 10 && day.substr(0, 4) == other.substr(0, 4) &&
         day.substr(5, 2) == other.substr(8, 2) && day.substr(8, 2) == other.substr(5, 2);
}

// Keeps a date-time as the page gives it when it is ISO; otherwise its day. Empty when it is no date.
std::string CleanDate(const std::string& date) {
  if (date.empty()) return "";
  std::string day = NormalizeDate(date);
  if (day.empty()) return "";
  return date.substr(0, 10) == day ? Collapse(date) : day;
}

// Of the structured dates, the article's JSON-LD first, then <meta>, itemprop, the page's JSON-LD.
void StructuredDates(const PageFacts& facts, PageMetadata* meta) {
  for (const std::string* candidate :
       {&facts.ld_article.published, &facts.meta_published, &facts.itemprop_published, &facts.ld_page.published}) {
    meta->published = CleanDate(*candidate);
    if (!meta->published.empty()) break;
  }
  for (const std::string* candidate :
       {&facts.ld_article.modified, &facts.meta_modified, &facts.itemprop_modified, &facts.ld_page.modified}) {
    meta->modified = CleanDate(*candidate);
    if (!meta->modified.empty()) break;
  }
}

// The dates <time> elements give.
struct TimeDates {
  std::string near;      // near the headline: the first after it (a byline under the headline), else the last
                         // before it (an eyebrow above it); a list of other stories' dates earlier does not come first
  std::string updated;   // an update near the headline
  std::string anywhere;  // the first outside the zone
};

TimeDates ReadTimes(const PageIndex& page, const PageFacts& facts, const ArticleZone& zone) {
  TimeDates found;
  std::string before;
  for (int32_t i : facts.times) {
    const char* datetime = Attr(page[i].node, "datetime");
    std::string text = page.Text(i, false, 120);
    std::string date = CleanDate(datetime ? datetime : "");
    if (date.empty()) date = CleanDate(text);
    if (date.empty() || InFurniture(page, i, zone.Contains(i)) || zone.InAnotherStory(i)) continue;
    // The label may sit just before the <time>: "Updated <time>".
    std::string context = page[i].parent >= 0 ? page.Text(page[i].parent, false, 120) : text;
    bool update = IsUpdateLabel(text) ||
                  (context.size() < 100 && IsUpdateLabel(context) && !StartsWithNoCase(Key(context), "publ"));
    if (zone.Contains(i)) {
      if (!update && i < zone.anchor()) before = date;
      if (!update && i >= zone.anchor() && found.near.empty()) found.near = date;
      if (update && found.updated.empty()) found.updated = date;
    } else if (!update && found.anywhere.empty()) {
      found.anywhere = date;
    }
  }
  if (found.near.empty()) found.near = before;
  return found;
}

// Short text in the zone that is a date ("Published: 20 May 2025"), outside links, navigation, controls and
// other stories, and outside a <footer> or <aside> that is not the article's own. Sets the first one's dates.
void ReadVisibleDate(const PageIndex& page, const ArticleZone& zone, std::string* published, std::string* updated) {
  for (int32_t i = zone.start(); i < zone.end() && published->empty(); ++i) {
    const PageNode& n = page[i];
    if (n.is_text && !IsLooseLine(page, i)) continue;
    if (n.hidden || n.tag == GUMBO_TAG_A || n.tag == GUMBO_TAG_NAV || n.tag == GUMBO_TAG_SELECT ||
        n.tag == GUMBO_TAG_BUTTON ||
        ((n.tag == GUMBO_TAG_FOOTER || n.tag == GUMBO_TAG_ASIDE) && !zone.InArticlesOwn(i))) {
      i = n.end - 1;
      continue;
    }
    if (!n.is_text && (n.all_length > 120 || n.all_length < 6 || IsDataCell(page, i))) continue;
    std::string shown_published, shown_updated;
    std::string text = n.is_text ? Collapse(n.node->v.text.text) : page.Text(i);
    if (!DatesInText(text, &shown_published, &shown_updated) || InFurniture(page, i, true) ||
        zone.InAnotherStory(i)) {
      continue;
    }
    *published = shown_published;
    if (updated->empty()) *updated = shown_updated;
    i = n.end - 1;
  }
}

}  // namespace

void ReadDates(const PageIndex& page, const PageFacts& facts, const ArticleZone& zone, std::string_view url,
               PageMetadata* meta) {
  StructuredDates(facts, meta);
  TimeDates times = ReadTimes(page, facts, zone);
  std::string visible, visible_updated;
  ReadVisibleDate(page, zone, &visible, &visible_updated);
  std::string shown = !times.near.empty() ? times.near : visible;
  std::string url_day = DateInUrl(url);
  if (url_day.empty()) url_day = DateInUrl(meta->canonical_url);
  if (SwapsMonthAndDay(shown, url_day)) shown = url_day;
  // A date shown under the headline that is earlier than the metadata's is the original publication: sites
  // re-stamp datePublished when they refresh a page.
  if (meta->published.empty() || (!shown.empty() && shown < meta->published.substr(0, 10))) meta->published = shown;
  // "This article was originally published on 26 Sep 2019 but has been updated": the page's own word wins.
  std::string original = OriginalPublication(page, zone.start(), zone.end());
  if (!original.empty()) meta->published = original;
  if (meta->modified.empty()) meta->modified = !times.updated.empty() ? times.updated : visible_updated;
  if (meta->published.empty()) meta->published_fallback = times.anywhere;
}

std::string FallbackDate(const PageIndex& page, std::string_view url, const PageMetadata& meta) {
  std::string date = DateInUrl(url);
  if (date.empty()) date = DateInScripts(page);
  if (date.empty()) date = DateInUrl(meta.canonical_url);
  // A page that gives only its last update was at least published by then.
  if (date.empty()) date = meta.modified;
  return date;
}

}  // namespace tradewire::metadata

namespace tradewire {

std::string NormalizeDate(std::string_view text) {
  using metadata::IsoDay;
  static const std::string kMonth =
      "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
      "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
  static const RE2 kIso(R"((?:^|\D)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?:\D|$))");
  static const RE2 kYearFirst(R"((?:^|\D)((?:19|20)\d{2})[./](\d{1,2})[./](\d{1,2})(?:\D|$))");
  static const RE2 kDayMonthYear("(?i)(?:^|[^0-9])(\\d{1,2})(?:st|nd|rd|th)?\\.?(?:\\s+|-)(?:of\\s+)?" + kMonth +
                                 "\\.?,?(?:\\s+|-)((?:19|20)\\d{2})(?:\\D|$)");
  static const RE2 kMonthDayYear("(?i)(?:^|[^a-z])" + kMonth +
                                 "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})(?:\\D|$)");
  static const RE2 kNumeric(R"((?:^|[^\d/.])(\d{1,2})([/.-])(\d{1,2})[/.-]((?:19|20)\d{2})(?:\D|$))");
  static const RE2 kCompact(R"(^((?:19|20)\d{2})(\d{2})(\d{2})(?:\D|$))");
  std::string month_name, separator;
  int year = 0, month = 0, day = 0;
  if (RE2::PartialMatch(text, kIso, &year, &month, &day) || RE2::PartialMatch(text, kYearFirst, &year, &month, &day) ||
      RE2::PartialMatch(text, kCompact, &year, &month, &day)) {
    return IsoDay(year, month, day);
  }
  if (RE2::PartialMatch(text, kDayMonthYear, &day, &month_name, &year) ||
      RE2::PartialMatch(text, kMonthDayYear, &month_name, &day, &year)) {
    return IsoDay(year, MonthFromName(month_name), day);
  }
  int first = 0, second = 0;
  if (RE2::PartialMatch(text, kNumeric, &first, &separator, &second, &year)) {
    // 09/25/2025 is American; 25/09/2025 and 12.12.2025 are day first.
    bool day_first = separator != "/" || first > 12;
    return day_first ? IsoDay(year, second, first) : IsoDay(year, first, second);
  }
  return "";
}

}  // namespace tradewire
