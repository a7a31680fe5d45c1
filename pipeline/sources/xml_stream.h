// Bounded reading of XML listings (feeds, sitemaps) through libxml2, for links.cc.
//
// libxml2 bounds its parser (nesting depth, entity loops), not what is done with the tree afterwards: reading a
// node's text expands every DTD entity reference in it, so one 100 KB entity referenced 100,000 times is 10 GB of
// text, and a 1M-entry feed is a tree ten times its size. Here text is read with a budget on what entity
// references expand to, and the tree is built a chunk at a time with each entry handed over and freed as soon as
// it is closed, so memory stays flat in the listing's size.
#pragma once

#include <libxml/tree.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/status.h"

namespace tradewire {

// An element's or attribute's local name.
inline std::string_view NodeName(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

// Text of a parsed tree. Entity references are expanded as xmlNodeGetContent would, until `entity_budget` bytes
// of entity text have been read in all; after that nothing more is expanded and exhausted() says so.
class BoundedText {
 public:
  explicit BoundedText(std::size_t entity_budget) : entity_budget_(entity_budget) {}

  std::string Of(const xmlNode* node);                                       // all text under `node`, trimmed
  std::string Attribute(const xmlNode* node, std::string_view local_name);  // any namespace; empty when absent
  // The base URL in force at `node`: its and its ancestors' xml:base resolved against `document_url`.
  std::string BaseOf(const xmlNode* node, std::string_view document_url);

  bool exhausted() const { return exhausted_; }
  std::size_t entity_budget() const { return entity_budget_; }

 private:
  void Append(const xmlNode* first, int entity_depth, std::string* out);
  void AppendEntity(const xmlNode* reference, int entity_depth, std::string* out);

  std::size_t entity_budget_;
  std::size_t entity_bytes_ = 0;
  bool exhausted_ = false;
};

// Which elements of a listing are its entries (RSS's item, Atom's entry; a sitemap's url and sitemap), and which
// may hold entries besides the root (RSS 2.0's channel).
struct ListingShape {
  std::string_view what;  // "feed", "sitemap": for messages
  std::vector<std::string_view> entries;
  std::vector<std::string_view> containers;
};

// How far a listing was read.
struct ListingEnd {
  enum class Kind {
    kWhole,
    kEntryLimit,     // more than max_entries entries: the rest were left out
    kParserStopped,  // libxml2 stopped (nested deeper than its 256 levels): the rest could not be read
  };
  Kind kind = Kind::kWhole;
  std::string reason;  // empty when whole
};

// Parses `bytes` in libxml2's recover mode (whatever is readable of broken XML is kept), never fetching a DTD.
// `on_root` is called once with the root element when it opens (a non-OK status ends the parse with it);
// `on_entry` with each closed entry, in document order (a non-OK status ends the parse with it). At most
// `max_entries` entries are handed over. A non-OK result also when no root element could be read or the
// document's entities loop or grow past libxml2's bounds (billion laughs).
StatusOr<ListingEnd> StreamListing(std::string_view bytes, const ListingShape& shape, std::size_t max_entries,
                                   const std::function<Status(const xmlNode*)>& on_root,
                                   const std::function<Status(const xmlNode*)>& on_entry);

}  // namespace tradewire
