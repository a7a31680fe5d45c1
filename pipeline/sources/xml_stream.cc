#include "pipeline/sources/xml_stream.h"

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <algorithm>
#include <memory>

#include "pipeline/url/canonical.h"

namespace tradewire {
namespace {

// Entities that refer to entities that refer to entities...: libxml2 refuses loops, this bounds the rest.
constexpr int kMaxEntityNesting = 16;
// libxml2 parses what it is given in one go; the tree is pruned between pieces of this size.
constexpr std::size_t kChunkBytes = 64 << 10;

bool Contains(const std::vector<std::string_view>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string Trimmed(std::string text) {
  std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  std::size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

// What libxml2 said while parsing: its errors reach OnError through the context's SAX handler.
struct ParseErrors {
  bool entity_loop = false;  // a loop, or expansion past libxml2's amplification bound
  std::string fatal_message;
  int fatal_line = 0;
  int fatal_open_elements = 0;  // how many elements were open at the last fatal error
};

void OnError(void* user_data, xmlErrorPtr error) {
  auto* context = static_cast<xmlParserCtxt*>(user_data);
  auto* errors = static_cast<ParseErrors*>(context->_private);
  if (error->code == XML_ERR_ENTITY_LOOP) errors->entity_loop = true;
  if (error->level == XML_ERR_FATAL) {
    errors->fatal_message = Trimmed(error->message ? error->message : "");
    errors->fatal_line = error->line;
    errors->fatal_open_elements = context->nodeNr;
  }
}

struct ParserDeleter {
  void operator()(xmlParserCtxt* context) const {
    if (context->myDoc) xmlFreeDoc(context->myDoc);
    xmlFreeParserCtxt(context);
  }
};

// Between chunks: hands over the entries closed since last time and frees every node the parser is done with,
// keeping only the open elements and each one's last child (libxml2 appends text to it).
class Harvester {
 public:
  Harvester(const ListingShape& shape, std::size_t max_entries, const std::function<Status(const xmlNode*)>& on_root,
            const std::function<Status(const xmlNode*)>& on_entry)
      : shape_(shape), max_entries_(max_entries), on_root_(on_root), on_entry_(on_entry) {}

  // False when the parse should end (an entry or root refused, or the entry limit reached).
  bool Step(xmlParserCtxt* context, bool final) {
    xmlNode* root = context->myDoc ? xmlDocGetRootElement(context->myDoc) : nullptr;
    if (!root) return true;
    if (!root_seen_) {
      root_seen_ = true;
      status_ = on_root_(root);
      if (!status_.ok()) return false;
    }
    open_.assign(context->nodeTab, context->nodeTab + (final ? 0 : context->nodeNr));
    return Visit(root);
  }

  bool root_seen() const { return root_seen_; }
  const Status& status() const { return status_; }
  const ListingEnd& end() const { return end_; }

 private:
  bool IsOpen(const xmlNode* node) const { return std::find(open_.begin(), open_.end(), node) != open_.end(); }

  bool Visit(xmlNode* parent) {
    for (xmlNode* child = parent->children; child;) {
      xmlNode* next = child->next;
      bool open = IsOpen(child);
      bool element = child->type == XML_ELEMENT_NODE;
      if (element && !open && child->_private == nullptr && Contains(shape_.entries, NodeName(child))) {
        if (delivered_ == max_entries_) {
          end_ = {ListingEnd::Kind::kEntryLimit,
                  "more than " + std::to_string(max_entries_) + " entries; the rest were not read"};
          return false;
        }
        ++delivered_;
        child->_private = this;  // handed over; kept only while it is its parent's last child
        status_ = on_entry_(child);
        if (!status_.ok()) return false;
      } else if (element && Contains(shape_.containers, NodeName(child))) {
        if (!Visit(child)) return false;
      }
      if (!open && child != parent->last) {
        xmlUnlinkNode(child);
        xmlFreeNode(child);
      }
      child = next;
    }
    return true;
  }

  const ListingShape& shape_;
  std::size_t max_entries_;
  const std::function<Status(const xmlNode*)>& on_root_;
  const std::function<Status(const xmlNode*)>& on_entry_;
  std::vector<const xmlNode*> open_;
  bool root_seen_ = false;
  std::size_t delivered_ = 0;
  Status status_;
  ListingEnd end_;
};

}  // namespace

void BoundedText::Append(const xmlNode* node, int entity_depth, std::string* out) {
  for (; node && !exhausted_; node = node->next) {
    switch (node->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE: {
        std::string_view text = node->content ? reinterpret_cast<const char*>(node->content) : "";
        if (entity_depth > 0) {
          if (entity_bytes_ + text.size() > entity_budget_) {
            exhausted_ = true;
            return;
          }
          entity_bytes_ += text.size();
        }
        out->append(text);
        break;
      }
      case XML_ELEMENT_NODE: Append(node->children, entity_depth, out); break;
      case XML_ENTITY_REF_NODE: AppendEntity(node, entity_depth + 1, out); break;
      default: break;  // comments, processing instructions
    }
  }
}

void BoundedText::AppendEntity(const xmlNode* reference, int entity_depth, std::string* out) {
  if (entity_depth > kMaxEntityNesting) {
    exhausted_ = true;
    return;
  }
  xmlEntity* entity = xmlGetDocEntity(reference->doc, reference->name);
  if (!entity) return;  // undeclared (read in recover mode): nothing to expand
  if (entity->children) {
    Append(entity->children, entity_depth, out);
  } else if (entity->content) {  // predefined, or declared but never parsed into nodes
    std::string_view text = reinterpret_cast<const char*>(entity->content);
    if (entity_bytes_ + text.size() > entity_budget_) {
      exhausted_ = true;
      return;
    }
    entity_bytes_ += text.size();
    out->append(text);
  }
}

std::string BoundedText::Of(const xmlNode* node) {
  std::string text;
  if (node) Append(node->children, 0, &text);
  return Trimmed(std::move(text));
}

std::string BoundedText::Attribute(const xmlNode* node, std::string_view local_name) {
  for (const xmlAttr* attribute = node ? node->properties : nullptr; attribute; attribute = attribute->next) {
    if (reinterpret_cast<const char*>(attribute->name) != local_name) continue;
    std::string value;
    Append(attribute->children, 0, &value);
    return value;
  }
  return "";
}

std::string BoundedText::BaseOf(const xmlNode* node, std::string_view document_url) {
  std::vector<std::string> bases;  // innermost first
  for (const xmlNode* element = node; element && element->type == XML_ELEMENT_NODE; element = element->parent) {
    for (const xmlAttr* attribute = element->properties; attribute; attribute = attribute->next) {
      if (attribute->ns && xmlStrEqual(attribute->ns->href, XML_XML_NAMESPACE) &&
          xmlStrEqual(attribute->name, reinterpret_cast<const xmlChar*>("base"))) {
        std::string value;
        Append(attribute->children, 0, &value);
        bases.push_back(std::move(value));
      }
    }
  }
  std::string base(document_url);
  for (auto it = bases.rbegin(); it != bases.rend(); ++it) {
    StatusOr<std::string> resolved = ResolveUrl(base, *it);
    if (resolved.ok()) base = *resolved;
  }
  return base;
}

StatusOr<ListingEnd> StreamListing(std::string_view bytes, const ListingShape& shape, std::size_t max_entries,
                                   const std::function<Status(const xmlNode*)>& on_root,
                                   const std::function<Status(const xmlNode*)>& on_entry) {
  // RECOVER keeps what is readable of broken feeds; NONET: never fetch a DTD; NOENT off: entity references stay
  // references, expanded only by BoundedText; HUGE off keeps libxml2's own bounds (depth 256, entity loops).
  int options = XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET | XML_PARSE_NOCDATA;
  std::unique_ptr<xmlParserCtxt, ParserDeleter> context(xmlCreatePushParserCtxt(nullptr, nullptr, nullptr, 0, nullptr));
  if (!context) return Status::ResourceExhausted("cannot create an XML parser");
  xmlCtxtUseOptions(context.get(), options);
  ParseErrors errors;
  context->_private = &errors;
  context->sax->serror = OnError;

  Harvester harvester(shape, max_entries, on_root, on_entry);
  for (std::size_t offset = 0;;) {
    std::size_t size = std::min(kChunkBytes, bytes.size() - offset);
    bool final = offset + size == bytes.size();
    xmlParseChunk(context.get(), bytes.data() + offset, static_cast<int>(size), final ? 1 : 0);
    offset += size;
    if (!harvester.Step(context.get(), final) || final) break;
  }
  if (errors.entity_loop) {
    return Status::ResourceExhausted("its DTD entities loop or expand past libxml2's bounds (an entity expansion "
                                     "attack, \"billion laughs\"); not read");
  }
  if (!harvester.status().ok()) return harvester.status();
  if (!harvester.root_seen()) {
    return Status::InvalidArgument("not a " + std::string(shape.what) + " (no XML root element could be read)");
  }
  if (harvester.end().kind != ListingEnd::Kind::kWhole) return harvester.end();
  // In recover mode libxml2 stops only at its own bounds; stopping inside the root leaves entries unread.
  if (context->disableSAX && errors.fatal_open_elements > 0) {
    return ListingEnd{ListingEnd::Kind::kParserStopped,
                      "XML parsing stopped at line " + std::to_string(errors.fatal_line) + " (" +
                          errors.fatal_message + "); the entries after it were not read"};
  }
  return ListingEnd{};
}

}  // namespace tradewire
