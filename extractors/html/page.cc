#include "extractors/html/page.h"

#include <cstring>

namespace tradewire {
namespace {

// Byte length of the white-space character at p (Unicode White_Space, U+200B, U+FEFF), or 0.
inline int WhiteSpaceAt(const unsigned char* p, const unsigned char* end) {
  unsigned char c = *p;
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) ? 1 : 0;
  switch (c) {
    case 0xC2:  // U+0085, U+00A0
      return p + 1 < end && (p[1] == 0x85 || p[1] == 0xA0) ? 2 : 0;
    case 0xE1:  // U+1680
      return p + 2 < end && p[1] == 0x9A && p[2] == 0x80 ? 3 : 0;
    case 0xE2:
      if (p + 2 >= end) return 0;
      if (p[1] == 0x80) {  // U+2000..U+200B, U+2028, U+2029, U+202F
        unsigned char d = p[2];
        return (d >= 0x80 && d <= 0x8B) || d == 0xA8 || d == 0xA9 || d == 0xAF ? 3 : 0;
      }
      return p[1] == 0x81 && p[2] == 0x9F ? 3 : 0;  // U+205F
    case 0xE3:                                      // U+3000
      return p + 2 < end && p[1] == 0x80 && p[2] == 0x80 ? 3 : 0;
    case 0xEF:  // U+FEFF
      return p + 2 < end && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0;
    default:
      return 0;
  }
}

// Elements whose content is never page text a reader sees.
bool IsNeverText(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_DATALIST:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_CAPTION:
      return true;
    default:
      return false;
  }
}

void AppendCollapsed(std::string_view text, std::string* out, bool* pending_space) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    if (int ws = WhiteSpaceAt(p, end)) {
      *pending_space = true;
      p += ws;
      continue;
    }
    const unsigned char* start = p;
    // No white-space sequence starts with a continuation byte, so stepping byte by byte is safe.
    while (p < end && (*p > ' ' && *p < 0x80 ? true : WhiteSpaceAt(p, end) == 0)) ++p;
    if (*pending_space && !out->empty()) out->push_back(' ');
    *pending_space = false;
    out->append(reinterpret_cast<const char*>(start), static_cast<std::size_t>(p - start));
  }
}

std::string Collapse(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending = false;
  AppendCollapsed(text, &out, &pending);
  return out;
}

int32_t CollapsedLength(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  int32_t length = 0;
  bool pending = false;
  while (p < end) {
    if (*p > ' ' && *p < 0x80) {
      if (pending && length > 0) ++length;
      pending = false;
      ++length;
      ++p;
      continue;
    }
    if (int ws = WhiteSpaceAt(p, end)) {
      pending = true;
      p += ws;
      continue;
    }
    if (pending && length > 0) ++length;
    pending = false;
    ++length;
    ++p;
  }
  return length;
}

std::string ClassAndId(const GumboNode* node) {
  std::string hints;
  if (node->type != GUMBO_NODE_ELEMENT) return hints;
  const GumboVector& attributes = node->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
    if (std::strcmp(attr->name, "class") != 0 && std::strcmp(attr->name, "id") != 0) continue;
    if (!hints.empty()) hints.push_back(' ');
    for (const char* c = attr->value; *c; ++c)
      hints.push_back(*c >= 'A' && *c <= 'Z' ? static_cast<char>(*c + 32) : *c);
  }
  return hints;
}

PageIndex::PageIndex(const GumboNode* root) {
  struct Frame {
    const GumboNode* node;
    int32_t parent;
    int32_t block;
    bool in_link;
    bool hidden;
  };
  std::vector<Frame> stack = {{root, -1, -1, false, false}};
  while (!stack.empty()) {
    Frame frame = stack.back();
    stack.pop_back();
    const GumboNode* node = frame.node;
    auto index = static_cast<int32_t>(nodes_.size());
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_WHITESPACE) {
      PageNode& text = nodes_.emplace_back();
      text.node = node;
      text.parent = frame.parent;
      text.block = frame.block;
      text.is_text = true;
      text.hidden = frame.hidden;
      text.in_link = frame.in_link;
      if (!frame.hidden && node->type != GUMBO_NODE_WHITESPACE) {
        std::string_view value = node->v.text.text;
        text.length = CollapsedLength(value);
        for (char c : value) text.commas += c == ',';
      }
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    PageNode& element = nodes_.emplace_back();
    element.node = node;
    element.parent = frame.parent;
    element.tag = node->type == GUMBO_NODE_TEMPLATE ? GUMBO_TAG_TEMPLATE : node->v.element.tag;
    element.never_text = IsNeverText(element.tag);
    element.hidden = frame.hidden || element.never_text;
    element.in_link = frame.in_link || element.tag == GUMBO_TAG_A;
    element.block = frame.block;
    if (element.tag == GUMBO_TAG_BODY && body_ == 0) body_ = index;
    if (element.tag == GUMBO_TAG_H1 && !element.hidden) ++h1_count_;
    links_ += element.tag == GUMBO_TAG_A;
    int32_t block = IsBlockTag(element.tag) ? index : frame.block;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(children.data[i]), index, block, element.in_link, element.hidden});
    }
  }
  for (int32_t i = size(); i-- > 0;) {
    PageNode& n = nodes_[static_cast<std::size_t>(i)];
    if (n.end < i + 1) n.end = i + 1;
    if (n.parent >= 0) {
      PageNode& parent = nodes_[static_cast<std::size_t>(n.parent)];
      if (parent.end < n.end) parent.end = n.end;
    }
  }
  Count(false);
  for (PageNode& n : nodes_) n.all_length = n.length;
}

void PageIndex::RecountWithoutRemoved() { Count(true); }

void PageIndex::Count(bool skip_removed) {
  // Whether each node is left out: inside never_text (hidden) or, when asked, under a removed element.
  std::vector<uint8_t> cut(nodes_.size(), 0);
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    PageNode& n = nodes_[i];
    bool parent_cut = n.parent >= 0 && cut[static_cast<std::size_t>(n.parent)];
    cut[i] = n.hidden || parent_cut || (skip_removed && n.removed);
    if (!n.is_text) n.length = n.link = n.commas = n.run = n.run_link = n.run_commas = 0;
  }
  for (std::size_t i = nodes_.size(); i-- > 1;) {
    if (cut[i]) continue;
    const PageNode& n = nodes_[i];
    if (n.parent < 0) continue;
    PageNode& parent = nodes_[static_cast<std::size_t>(n.parent)];
    if (n.is_text) {
      parent.length += n.length;
      parent.commas += n.commas;
      if (n.in_link) parent.link += n.length;
      if (n.block >= 0) {
        PageNode& block = nodes_[static_cast<std::size_t>(n.block)];
        block.run += n.length;
        block.run_commas += n.commas;
        if (n.in_link) block.run_link += n.length;
      }
    } else {
      parent.length += n.length;
      parent.link += n.link;
      parent.commas += n.commas;
    }
  }
}

namespace {

// Calls on_text(text, new_block) for each visible text node of the subtree at i, in order, new_block telling that a
// block boundary comes before it; stops when on_text returns false.
template <typename OnText>
void VisitText(const std::vector<PageNode>& nodes, int32_t i, bool skip_removed, OnText on_text) {
  const PageNode& start = nodes[static_cast<std::size_t>(i)];
  if (start.is_text) {
    on_text(std::string_view(start.node->v.text.text), false);
    return;
  }
  int32_t last_block = -1;
  bool boundary = false;
  for (int32_t j = i + 1; j < start.end; ++j) {
    const PageNode& n = nodes[static_cast<std::size_t>(j)];
    if (n.is_text) {
      // Text after a nested block has closed ("<h1><div>Headline</div>Subtitle</h1>") starts a new word.
      bool new_block = boundary || (last_block >= 0 && n.block != last_block);
      last_block = n.block;
      boundary = false;
      if (!on_text(std::string_view(n.node->v.text.text), new_block)) return;
      continue;
    }
    if (n.never_text || (skip_removed && n.removed)) {
      j = n.end - 1;
      continue;
    }
    if (IsBlockTag(n.tag)) boundary = true;
  }
}

}  // namespace

std::string PageIndex::Text(int32_t i, bool skip_removed, std::size_t max_bytes) const {
  std::string out;
  bool pending = false;
  VisitText(nodes_, i, skip_removed, [&](std::string_view text, bool new_block) {
    if (new_block) pending = true;
    AppendCollapsed(text, &out, &pending);
    return out.size() < max_bytes;
  });
  return out;
}

std::vector<std::string> PageIndex::Lines(int32_t i, std::size_t max_bytes) const {
  std::vector<std::string> lines;
  std::size_t total = 0;
  bool pending = false;
  VisitText(nodes_, i, false, [&](std::string_view text, bool new_block) {
    if (lines.empty() || (new_block && !lines.back().empty())) {
      total += lines.empty() ? 0 : lines.back().size();
      lines.emplace_back();
      pending = false;
    }
    AppendCollapsed(text, &lines.back(), &pending);
    return total + lines.back().size() < max_bytes;
  });
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

}  // namespace tradewire
