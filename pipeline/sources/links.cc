#include "pipeline/sources/links.h"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <functional>

#include <nlohmann/json.hpp>

#include "pipeline/sources/xml_stream.h"
#include "pipeline/url/canonical.h"
#include "extractors/text/calendar.h"

namespace tradewire {
namespace {

const xmlNode* Child(const xmlNode* node, std::string_view name) {
  for (const xmlNode* child = node ? node->children : nullptr; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && NodeName(child) == name) return child;
  }
  return nullptr;
}

// The text of `node`'s first child called `name`; empty when there is none.
std::string ChildText(BoundedText& text, const xmlNode* node, std::string_view name) {
  const xmlNode* child = Child(node, name);
  return child ? text.Of(child) : "";
}

Status EntityBudgetExceeded() {
  return Status::ResourceExhausted("its DTD entity references expand past " + std::to_string(kMaxEntityTextBytes) +
                                   " bytes of text (an entity expansion attack); not read");
}

// Reads `bytes` as an XML listing of `shape`, whose root must be one of `roots`, handing each entry to
// `read_entry`; what was not read is noted in `list`.
Status ReadXmlListing(std::string_view bytes, const ListingShape& shape, const std::vector<std::string_view>& roots,
                      BoundedText& text, const std::function<void(const xmlNode*)>& read_entry, LinkList* list) {
  auto on_root = [&](const xmlNode* root) {
    if (std::find(roots.begin(), roots.end(), NodeName(root)) != roots.end()) return Status::Ok();
    return Status::InvalidArgument("not a " + std::string(shape.what) + " (root element <" + std::string(NodeName(root)) +
                                   ">)");
  };
  auto on_entry = [&](const xmlNode* entry) {
    read_entry(entry);
    return text.exhausted() ? EntityBudgetExceeded() : Status::Ok();
  };
  StatusOr<ListingEnd> end = StreamListing(bytes, shape, kMaxListingEntries, on_root, on_entry);
  if (!end.ok()) return end.status();
  list->incomplete = end->reason;
  list->unreadable = end->kind == ListingEnd::Kind::kParserStopped;
  return Status::Ok();
}

void AddLink(LinkList* list, std::string_view base, const std::string& href, std::string date, std::string title) {
  if (href.empty()) return;
  StatusOr<std::string> absolute = ResolveUrl(base, href);
  if (!absolute.ok()) return;
  list->links.push_back({*absolute, FeedDateToIsoDay(date), std::move(title)});
}

void ReadFeedEntry(BoundedText& text, const xmlNode* node, std::string_view base_url, LinkList* list) {
  std::string base = text.BaseOf(node, base_url);
  if (NodeName(node) == "item") {  // RSS 2.0 and RSS 1.0
    std::string link = ChildText(text, node, "link");
    if (link.empty() && Child(node, "guid") && text.Attribute(Child(node, "guid"), "isPermaLink") != "false") {
      link = ChildText(text, node, "guid");
    }
    if (link.empty()) link = text.Attribute(node, "about");
    std::string date = Child(node, "pubDate") ? ChildText(text, node, "pubDate") : ChildText(text, node, "date");
    AddLink(list, base, link, date, ChildText(text, node, "title"));
    return;
  }
  std::string href;  // Atom
  for (const xmlNode* link = node->children; link; link = link->next) {
    if (link->type != XML_ELEMENT_NODE || NodeName(link) != "link") continue;
    std::string rel = text.Attribute(link, "rel");
    if (rel.empty() || rel == "alternate") {
      href = text.Attribute(link, "href");
      break;
    }
  }
  std::string date = Child(node, "published") ? ChildText(text, node, "published") : ChildText(text, node, "updated");
  AddLink(list, base, href, date, ChildText(text, node, "title"));
}

void ReadSitemapEntry(BoundedText& text, const xmlNode* node, std::string_view base_url, std::string_view since,
                      LinkList* list) {
  const xmlNode* loc = Child(node, "loc");
  if (!loc) return;
  std::string date = FeedDateToIsoDay(ChildText(text, node, "lastmod"));
  if (NodeName(node) == "sitemap") {
    if (!since.empty() && !date.empty() && date < since) return;
    StatusOr<std::string> child = ResolveUrl(base_url, text.Of(loc));
    if (child.ok()) list->sitemaps.push_back(*child);
    return;
  }
  std::string title;
  if (const xmlNode* news = Child(node, "news")) {  // Google News sitemap
    if (const xmlNode* published = Child(news, "publication_date")) date = FeedDateToIsoDay(text.Of(published));
    title = ChildText(text, news, "title");
  }
  if (!since.empty() && !date.empty() && date < since) return;
  AddLink(list, base_url, text.Of(loc), date, title);
}

StatusOr<LinkList> ParseJsonFeed(std::string_view bytes, std::string_view base_url) {
  nlohmann::json feed = nlohmann::json::parse(bytes, nullptr, false);
  if (feed.is_discarded() || !feed.is_object() || !feed.contains("items") || !feed["items"].is_array()) {
    return Status::InvalidArgument("not a JSON Feed (no items array)");
  }
  LinkList list;
  const auto& items = feed["items"];
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i == kMaxListingEntries) {
      list.incomplete = "more than " + std::to_string(kMaxListingEntries) + " entries; the rest were not read";
      break;
    }
    const auto& item = items[i];
    if (!item.is_object()) continue;
    std::string url = item.value("url", item.value("external_url", ""));
    AddLink(&list, base_url, url, item.value("date_published", ""), item.value("title", ""));
  }
  return list;
}

}  // namespace

std::string FeedDateToIsoDay(std::string_view date) {
  int year = 0, month = 0, day = 0;
  char month_name[16] = "";
  std::string text(date);
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3) {
  } else if (std::sscanf(text.c_str(), "%*[A-Za-z], %d %15s %d", &day, month_name, &year) == 3 ||
             std::sscanf(text.c_str(), "%d %15s %d", &day, month_name, &year) == 3) {
    month = MonthFromName(month_name);
    if (year < 100) year += year < 70 ? 2000 : 1900;
  } else {
    return "";
  }
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) return "";
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
  return out;
}

StatusOr<LinkList> ParseFeed(std::string_view bytes, std::string_view base_url) {
  std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string_view::npos && bytes[first] == '{') return ParseJsonFeed(bytes, base_url);
  static const ListingShape kFeed{"feed", {"item", "entry"}, {"channel"}};  // RSS 2.0 nests items in its channel
  LinkList list;
  BoundedText text(kMaxEntityTextBytes);
  Status read = ReadXmlListing(bytes, kFeed, {"rss", "RDF", "feed", "channel"}, text,
                               [&](const xmlNode* entry) { ReadFeedEntry(text, entry, base_url, &list); }, &list);
  if (!read.ok()) return read;
  return list;
}

StatusOr<LinkList> ParseSitemap(std::string_view bytes, std::string_view base_url, std::string_view since) {
  static const ListingShape kSitemap{"sitemap", {"url", "sitemap"}, {}};
  LinkList list;
  BoundedText text(kMaxEntityTextBytes);
  Status read = ReadXmlListing(bytes, kSitemap, {"urlset", "sitemapindex"}, text,
                               [&](const xmlNode* entry) { ReadSitemapEntry(text, entry, base_url, since, &list); },
                               &list);
  if (!read.ok()) return read;
  return list;
}

}  // namespace tradewire
