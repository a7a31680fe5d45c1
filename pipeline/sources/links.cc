#include "pipeline/sources/links.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <cstring>
#include <ctime>
#include <memory>

#include <nlohmann/json.hpp>

#include "pipeline/url/canonical.h"

namespace tradewire {
namespace {

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct XmlCharDeleter {
  void operator()(xmlChar* text) const { xmlFree(text); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocDeleter>;

XmlDoc ParseXml(std::string_view bytes) {
  // RECOVER keeps what is readable of broken feeds; NONET: never fetch a DTD; NOENT off: no entity expansion
  // attacks; HUGE off keeps libxml2's own size limits.
  int options = XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET | XML_PARSE_NOCDATA;
  return XmlDoc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, options));
}

std::string_view Name(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::string Text(xmlNode* node) {
  std::unique_ptr<xmlChar, XmlCharDeleter> text(xmlNodeGetContent(node));
  std::string out = text ? reinterpret_cast<const char*>(text.get()) : "";
  std::size_t begin = out.find_first_not_of(" \t\r\n");
  std::size_t end = out.find_last_not_of(" \t\r\n");
  return begin == std::string::npos ? std::string() : out.substr(begin, end - begin + 1);
}

std::string Attribute(xmlNode* node, const char* name) {
  std::unique_ptr<xmlChar, XmlCharDeleter> value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
  return value ? reinterpret_cast<const char*>(value.get()) : "";
}

// The base URL in force at `node`: xml:base attributes resolved against the document's URL.
std::string BaseOf(xmlDoc* doc, xmlNode* node, std::string_view document_url) {
  std::unique_ptr<xmlChar, XmlCharDeleter> base(xmlNodeGetBase(doc, node));
  if (!base) return std::string(document_url);
  StatusOr<std::string> resolved = ResolveUrl(document_url, reinterpret_cast<const char*>(base.get()));
  return resolved.ok() ? *resolved : std::string(document_url);
}

xmlNode* Child(xmlNode* node, std::string_view name) {
  for (xmlNode* child = node ? node->children : nullptr; child; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && Name(child) == name) return child;
  }
  return nullptr;
}

void AddLink(LinkList* list, std::string_view base, const std::string& href, std::string date, std::string title) {
  if (href.empty()) return;
  StatusOr<std::string> absolute = ResolveUrl(base, href);
  if (!absolute.ok()) return;
  list->links.push_back({*absolute, FeedDateToIsoDay(date), std::move(title)});
}

void CollectItems(xmlDoc* doc, xmlNode* parent, std::string_view base_url, LinkList* list) {
  for (xmlNode* node = parent->children; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    std::string_view name = Name(node);
    if (name == "item") {  // RSS 2.0 and RSS 1.0
      std::string link = Child(node, "link") ? Text(Child(node, "link")) : "";
      if (link.empty() && Child(node, "guid") && Attribute(Child(node, "guid"), "isPermaLink") != "false") {
        link = Text(Child(node, "guid"));
      }
      if (link.empty()) link = Attribute(node, "about");
      std::string date = Child(node, "pubDate") ? Text(Child(node, "pubDate"))
                         : Child(node, "date")  ? Text(Child(node, "date"))
                                                : "";
      AddLink(list, BaseOf(doc, node, base_url), link, date, Child(node, "title") ? Text(Child(node, "title")) : "");
    } else if (name == "entry") {  // Atom
      std::string href;
      for (xmlNode* link = node->children; link; link = link->next) {
        if (link->type != XML_ELEMENT_NODE || Name(link) != "link") continue;
        std::string rel = Attribute(link, "rel");
        if (rel.empty() || rel == "alternate") {
          href = Attribute(link, "href");
          break;
        }
      }
      std::string date = Child(node, "published") ? Text(Child(node, "published"))
                         : Child(node, "updated") ? Text(Child(node, "updated"))
                                                  : "";
      AddLink(list, BaseOf(doc, node, base_url), href, date, Child(node, "title") ? Text(Child(node, "title")) : "");
    } else if (name == "channel") {
      CollectItems(doc, node, base_url, list);  // RSS 2.0 nests items in the channel
    }
  }
}

StatusOr<LinkList> ParseJsonFeed(std::string_view bytes, std::string_view base_url) {
  nlohmann::json feed = nlohmann::json::parse(bytes, nullptr, false);
  if (feed.is_discarded() || !feed.is_object() || !feed.contains("items") || !feed["items"].is_array()) {
    return Status::InvalidArgument("not a JSON Feed (no items array)");
  }
  LinkList list;
  for (const auto& item : feed["items"]) {
    if (!item.is_object()) continue;
    std::string url = item.value("url", item.value("external_url", ""));
    AddLink(&list, base_url, url, item.value("date_published", ""), item.value("title", ""));
  }
  return list;
}

int MonthNumber(std::string_view name) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; ++i) {
    if (name.size() >= 3 && strncasecmp(name.data(), kMonths[i], 3) == 0) return i + 1;
  }
  return 0;
}

}  // namespace

std::string FeedDateToIsoDay(std::string_view date) {
  int year = 0, month = 0, day = 0;
  char month_name[16] = "";
  std::string text(date);
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3) {
  } else if (std::sscanf(text.c_str(), "%*[A-Za-z], %d %15s %d", &day, month_name, &year) == 3 ||
             std::sscanf(text.c_str(), "%d %15s %d", &day, month_name, &year) == 3) {
    month = MonthNumber(month_name);
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
  XmlDoc doc = ParseXml(bytes);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) return Status::InvalidArgument("not a feed (no XML root element could be read)");
  std::string_view name = Name(root);
  if (name != "rss" && name != "RDF" && name != "feed" && name != "channel") {
    return Status::InvalidArgument("not a feed (root element <" + std::string(name) + ">)");
  }
  LinkList list;
  CollectItems(doc.get(), root, base_url, &list);
  return list;
}

StatusOr<LinkList> ParseSitemap(std::string_view bytes, std::string_view base_url, std::string_view since) {
  XmlDoc doc = ParseXml(bytes);
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) return Status::InvalidArgument("not a sitemap (no XML root element could be read)");
  std::string_view root_name = Name(root);
  if (root_name != "urlset" && root_name != "sitemapindex") {
    return Status::InvalidArgument("not a sitemap (root element <" + std::string(root_name) + ">)");
  }
  LinkList list;
  for (xmlNode* node = root->children; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    xmlNode* loc = Child(node, "loc");
    if (!loc) continue;
    std::string date = Child(node, "lastmod") ? FeedDateToIsoDay(Text(Child(node, "lastmod"))) : "";
    if (Name(node) == "sitemap") {
      if (!since.empty() && !date.empty() && date < since) continue;
      StatusOr<std::string> child = ResolveUrl(base_url, Text(loc));
      if (child.ok()) list.sitemaps.push_back(*child);
      continue;
    }
    std::string title;
    if (xmlNode* news = Child(node, "news")) {  // Google News sitemap
      if (xmlNode* published = Child(news, "publication_date")) date = FeedDateToIsoDay(Text(published));
      if (xmlNode* news_title = Child(news, "title")) title = Text(news_title);
    }
    if (!since.empty() && !date.empty() && date < since) continue;
    AddLink(&list, base_url, Text(loc), date, title);
  }
  return list;
}

}  // namespace tradewire
