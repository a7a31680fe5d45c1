// What is done to a page's bytes before Gumbo parses them: bounding what would make the parser slow or deep,
// telling binary input, and putting streamed parts of a page back in place.
#include "extractors/html/markup.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

// Real pages nest a few dozen levels; anything deeper than this is flattened before parsing, so that Gumbo's
// recursive tree destruction and our walks stay within a bounded stack.
constexpr int kMaxNesting = 400;
// Gumbo checks each attribute against the tag's earlier ones, quadratic in their number: a tag with 200,000
// attributes takes minutes. Real tags carry a few dozen at most; the excess is dropped before parsing.
constexpr int kMaxAttributes = 256;

bool IsVoid(std::string_view tag) {
  static const std::string_view kVoid[] = {"area",  "base", "br",   "col",   "embed",  "hr",    "img",
                                           "input", "link", "meta", "param", "source", "track", "wbr"};
  if (tag.size() < 2 || tag.size() > 6) return false;
  char lower[8];
  for (std::size_t i = 0; i < tag.size(); ++i) lower[i] = static_cast<char>(tag[i] | 0x20);
  std::string_view name(lower, tag.size());
  for (std::string_view v : kVoid) {
    if (v == name) return true;
  }
  return false;
}

inline bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsAsciiAlnum(char c) { return (c >= '0' && c <= '9') || IsAsciiAlpha(c); }
inline bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool EqualsLower(std::string_view name, std::string_view lower) {
  if (name.size() != lower.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if ((name[i] | 0x20) != lower[i]) return false;
  }
  return true;
}

// Elements whose content the tokenizer reads as text up to their end tag.
bool IsRawText(std::string_view name) {
  for (std::string_view raw : {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}) {
    if (EqualsLower(name, raw)) return true;
  }
  return false;
}

// Where "</name" starts at or after `from`, case-insensitively; npos when it does not.
std::size_t FindEndTag(std::string_view html, std::size_t from, std::string_view name) {
  while (from < html.size()) {
    std::size_t at = html.find("</", from);
    if (at == std::string_view::npos) return at;
    if (EqualsLower(html.substr(at + 2, name.size()), AsciiLower(name))) return at;
    from = at + 2;
  }
  return std::string_view::npos;
}

struct Tag {
  std::size_t start;  // the '<'
  std::size_t end;    // one past the '>' (or the end of the input)
  bool closing;
  std::string_view name;
  std::size_t excess;  // where the attributes past kMaxAttributes start; npos when there are not that many
};

// Calls visit(const Tag&) for every start and end tag, in order, reading the markup as an HTML tokenizer does at
// the tag level: comments, raw-text elements (script, style, …) and quoted attribute values are skipped, so a
// '<' inside them is no tag. visit returns false to stop.
template <typename Visit>
void ScanTags(std::string_view html, Visit visit) {
  const std::size_t n = html.size();
  const char* s = html.data();
  std::size_t i = 0;
  while (i + 1 < n) {
    const void* lt = std::memchr(s + i, '<', n - i - 1);
    if (!lt) return;
    i = static_cast<std::size_t>(static_cast<const char*>(lt) - s);
    char next = s[i + 1];
    if (next == '!' || next == '?') {  // comment, doctype, bogus comment
      std::size_t close =
          next == '!' && html.substr(i + 2, 2) == "--" ? html.find("-->", i + 4) : html.find('>', i + 2);
      if (close == std::string_view::npos) return;
      i = close + 1;
      continue;
    }
    bool closing = next == '/';
    std::size_t name_start = i + 1 + closing, name_end = name_start;
    if (name_start >= n || !IsAsciiAlpha(s[name_start])) {
      ++i;
      continue;
    }
    while (name_end < n && IsAsciiAlnum(s[name_end])) ++name_end;
    Tag tag{i, n, closing, html.substr(name_start, name_end - name_start), std::string_view::npos};
    std::size_t j = name_end;
    int attributes = 0;
    while (j < n && s[j] != '>') {
      if (IsHtmlSpace(s[j]) || s[j] == '/') {
        ++j;
        continue;
      }
      std::size_t attribute_start = j++;
      while (j < n && !IsHtmlSpace(s[j]) && s[j] != '/' && s[j] != '>' && s[j] != '=') ++j;
      while (j < n && IsHtmlSpace(s[j])) ++j;
      if (j < n && s[j] == '=') {
        ++j;
        while (j < n && IsHtmlSpace(s[j])) ++j;
        if (j < n && (s[j] == '"' || s[j] == '\'')) {
          const void* quote = std::memchr(s + j + 1, s[j], n - j - 1);
          j = quote ? static_cast<std::size_t>(static_cast<const char*>(quote) - s) + 1 : n;
        } else {
          while (j < n && !IsHtmlSpace(s[j]) && s[j] != '>') ++j;
        }
      }
      if (++attributes == kMaxAttributes + 1) tag.excess = attribute_start;
    }
    tag.end = j < n ? j + 1 : n;
    if (!visit(tag)) return;
    i = tag.end;
    if (!closing && IsRawText(tag.name)) {
      i = FindEndTag(html, i, tag.name);
      if (i == std::string_view::npos) return;
    }
  }
}

}  // namespace

namespace {

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

// The HTML standard's "special" elements: an end tag for another element does not close past one of them.
bool IsSpecial(std::string_view name) {
  static const std::string_view kSpecial[] = {
      "address", "applet",   "area",     "article",  "aside",      "base",     "basefont", "bgsound",  "blockquote",
      "body",    "br",       "button",   "caption",  "center",     "col",      "colgroup", "dd",       "details",
      "dir",     "div",      "dl",       "dt",       "embed",      "fieldset", "figcaption", "figure", "footer",
      "form",    "frame",    "frameset", "h1",       "h2",         "h3",       "h4",       "h5",       "h6",
      "head",    "header",   "hgroup",   "hr",       "html",       "iframe",   "img",      "input",    "keygen",
      "li",      "link",     "listing",  "main",     "marquee",    "menu",     "meta",     "nav",      "noembed",
      "noframes", "noscript", "object",  "ol",       "p",          "param",    "plaintext", "pre",     "script",
      "search",  "section",  "select",   "source",   "style",      "summary",  "table",    "tbody",    "td",
      "template", "textarea", "tfoot",   "th",       "thead",      "title",    "tr",       "track",    "ul",
      "wbr",     "xmp"};
  for (std::string_view special : kSpecial) {
    if (special == name) return true;
  }
  return false;
}

// Where "has an element in scope" stops looking.
bool IsScopeBoundary(std::string_view name) {
  return IsOneOf(name, {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"});
}

// Start tags that close an open <p> first.
bool ClosesParagraph(std::string_view name) {
  return IsOneOf(name, {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
                        "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu",
                        "nav", "ol", "p", "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5",
                        "h6", "pre", "listing", "form", "table", "hr", "xmp", "plaintext", "li", "dd", "dt"});
}

// A model of the parser's stack of open elements, for the depth of the tree it builds. An end tag closes only
// what the parser would close (a stray </span> under a <div> closes nothing: counting it as a close let
// 300,000 × "<object></span>" through as depth 0), and the start tags that end an open p, li, dd/dt, option or
// table part do so here too, so that sloppy real pages (unclosed paragraphs) do not look deep. Where the model
// is unsure it keeps an element open: it may think a tree deeper than it is, never shallower.
class OpenElements {
 public:
  int depth() const { return static_cast<int>(stack_.size()); }

  // Void elements and self-closed foreign ones (<path/> inside <svg>) open nothing.
  void Start(std::string_view tag, bool self_closing) {
    std::string name = AsciiLower(tag);
    if (IsVoid(name) || (self_closing && foreign_ > 0)) return;
    if (ClosesParagraph(name)) CloseInScope("p", {"button"});
    if (IsOneOf(name, {"h1", "h2", "h3", "h4", "h5", "h6"}) && !stack_.empty() &&
        IsOneOf(stack_.back(), {"h1", "h2", "h3", "h4", "h5", "h6"})) {
      Pop(1);
    }
    if (name == "li") CloseListItem({"li"});
    if (name == "dd" || name == "dt") CloseListItem({"dd", "dt"});
    if (name == "option" || name == "optgroup") {
      if (!stack_.empty() && stack_.back() == "option") Pop(1);
      if (name == "optgroup" && !stack_.empty() && stack_.back() == "optgroup") Pop(1);
    }
    if (name == "td" || name == "th" || name == "tr") CloseTablePart({"td", "th"});
    if (name == "tr") CloseTablePart({"tr"});
    if (IsOneOf(name, {"tbody", "thead", "tfoot"})) CloseTablePart({"td", "th", "tr", "tbody", "thead", "tfoot"});
    foreign_ += name == "svg" || name == "math";
    stack_.push_back(std::move(name));
  }

  // Whether the end tag closed anything.
  bool End(std::string_view tag) {
    std::string name = AsciiLower(tag);
    bool special = IsSpecial(name);
    for (int i = depth() - 1, seen = 0; i >= 0 && seen < kLookDown; --i, ++seen) {
      const std::string& open = stack_[static_cast<std::size_t>(i)];
      if (open == name) {
        Pop(depth() - i);
        return true;
      }
      if (special ? IsScopeBoundary(open) : IsSpecial(open)) return false;
    }
    return false;
  }

 private:
  // How far down an end tag looks for its element. The parser may look further, so a miss is taken as a stray
  // tag and the element stays open (deeper, the safe side); this keeps the model linear in the tags.
  static constexpr int kLookDown = 64;

  void Pop(int count) {
    for (; count > 0; --count) {
      foreign_ -= stack_.back() == "svg" || stack_.back() == "math";
      stack_.pop_back();
    }
  }

  void CloseInScope(std::string_view name, std::initializer_list<std::string_view> extra_boundaries) {
    for (int i = depth() - 1, seen = 0; i >= 0 && seen < kLookDown; --i, ++seen) {
      const std::string& open = stack_[static_cast<std::size_t>(i)];
      if (open == name) return Pop(depth() - i);
      if (IsScopeBoundary(open) || IsOneOf(open, extra_boundaries)) return;
    }
  }

  void CloseListItem(std::initializer_list<std::string_view> items) {
    for (int i = depth() - 1, seen = 0; i >= 0 && seen < kLookDown; --i, ++seen) {
      const std::string& open = stack_[static_cast<std::size_t>(i)];
      if (IsOneOf(open, items)) return Pop(depth() - i);
      if (IsSpecial(open) && !IsOneOf(open, {"address", "div", "p"})) return;
    }
  }

  void CloseTablePart(std::initializer_list<std::string_view> parts) {
    for (int i = depth() - 1, seen = 0; i >= 0 && seen < kLookDown; --i, ++seen) {
      const std::string& open = stack_[static_cast<std::size_t>(i)];
      if (IsOneOf(open, parts)) return Pop(depth() - i);
      if (IsOneOf(open, {"table", "template", "html"})) return;
    }
  }

  std::vector<std::string> stack_;  // lower-cased tag names, innermost last
  int foreign_ = 0;                 // open <svg> and <math>, where "/>" closes an element
};

bool SelfClosing(std::string_view html, const Tag& tag) { return tag.end >= 2 && html[tag.end - 2] == '/'; }

}  // namespace

// Drops start tags that would open elements deeper than kMaxNesting in the tree the parser builds (their text
// stays), the end tags that close nothing, and attributes past kMaxAttributes. Returns the input untouched in the
// common case.
std::string_view BoundMarkup(std::string_view html, std::string* storage) {
  OpenElements probe;
  int max_depth = 0;
  bool excess = false;
  ScanTags(html, [&](const Tag& tag) {
    excess |= tag.excess != std::string_view::npos;
    if (tag.closing) {
      probe.End(tag.name);
    } else {
      probe.Start(tag.name, SelfClosing(html, tag));
    }
    max_depth = std::max(max_depth, probe.depth());
    return true;
  });
  if (max_depth <= kMaxNesting && !excess) return html;
  storage->reserve(html.size());
  OpenElements open;
  std::size_t copied = 0;
  auto cut = [&](std::size_t from, std::size_t to) {
    storage->append(html.substr(copied, from - copied));
    copied = to;
  };
  ScanTags(html, [&](const Tag& tag) {
    bool kept = true;
    if (tag.closing) {
      kept = open.End(tag.name);
    } else if (open.depth() >= kMaxNesting && !IsVoid(tag.name)) {
      kept = false;  // it would open an element past the bound
    } else {
      open.Start(tag.name, SelfClosing(html, tag));
    }
    if (!kept) {
      cut(tag.start, tag.end);
    } else if (tag.excess != std::string_view::npos) {
      cut(tag.excess, tag.end < html.size() ? tag.end - 1 : tag.end);  // keep the closing '>'
    }
    return true;
  });
  storage->append(html.substr(copied));
  return *storage;
}

bool LooksBinary(std::string_view html) {
  std::string_view sample = html.substr(0, 64 * 1024);
  const auto* p = reinterpret_cast<const unsigned char*>(sample.data());
  const auto* end = p + sample.size();
  std::size_t chars = 0, odd = 0;
  while (p < end) {
    ++chars;
    unsigned char c = *p;
    if (c < 0x80) {
      odd += (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
      ++p;
      continue;
    }
    int length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    bool valid = length > 0 && end - p >= length;
    uint32_t code = length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; valid && k < length; ++k) {
      valid = (p[k] & 0xC0) == 0x80;
      code = (code << 6) | (p[k] & 0x3F);
    }
    if (!valid) {
      ++odd;
      ++p;
      continue;
    }
    odd += (code >= 0x80 && code <= 0x9F) || (code >= 0xE000 && code <= 0xF8FF) || code == 0xFFFD || code == 0xFFFE ||
           code == 0xFFFF;
    p += length;
  }
  return chars >= 32 && odd * 10 > chars;
}

namespace {

// React's streamed parts: <div hidden id="S:x"> … </div>, and the <template id="B:x"> / <template id="P:x"> each
// takes the place of.
struct StreamedPart {
  std::size_t start, content_start, content_end, end;  // the element, and what it holds
  bool has_place = false;
  bool used = false;
};

constexpr std::string_view kPartOpen = "<div hidden id=\"S:";
constexpr std::size_t kMaxParts = 10000;

// The id after `prefix` at `at` ("S:1f" → "1f") and where the tag ends, when it is React's exact form.
bool ReadStreamedId(std::string_view html, std::size_t at, std::string_view prefix, std::string_view* id,
                    std::size_t* tag_end) {
  std::size_t from = at + prefix.size(), to = from;
  while (to < html.size() && to - from < 16 && std::isxdigit(static_cast<unsigned char>(html[to]))) ++to;
  if (to == from || html.substr(to, 2) != "\">") return false;
  *id = html.substr(from, to - from);
  *tag_end = to + 2;
  return true;
}

// One past the </div> that closes the <div> starting at `start`, counting nested <div>s; npos when unclosed.
std::size_t EndOfDiv(std::string_view html, std::size_t start) {
  int depth = 0;
  std::size_t end = std::string_view::npos;
  ScanTags(html.substr(start), [&](const Tag& tag) {
    if (!EqualsLower(tag.name, "div")) return true;
    depth += tag.closing ? -1 : 1;
    if (depth > 0) return true;
    end = start + tag.end;
    return false;
  });
  return end;
}

class StreamSplicer {
 public:
  explicit StreamSplicer(std::string_view html) : html_(html) {}

  bool FindParts() {
    for (std::size_t at = html_.find(kPartOpen); at != std::string_view::npos && parts_.size() < kMaxParts;
         at = html_.find(kPartOpen, at + 1)) {
      std::string_view id;
      std::size_t content_start = 0;
      if (!ReadStreamedId(html_, at, kPartOpen, &id, &content_start)) continue;
      std::size_t end = EndOfDiv(html_, at);
      if (end == std::string_view::npos) break;
      parts_.emplace(id, StreamedPart{at, content_start, end - 6, end});  // 6: "</div>"
      at = end - 1;
    }
    for (std::string_view open : {"<template id=\"B:", "<template id=\"P:"}) {
      for (std::size_t at = html_.find(open); at != std::string_view::npos; at = html_.find(open, at + 1)) {
        std::string_view id;
        std::size_t tag_end = 0;
        if (!ReadStreamedId(html_, at, open, &id, &tag_end) || html_.substr(tag_end, 11) != "</template>") continue;
        auto part = parts_.find(id);
        if (part == parts_.end()) continue;
        part->second.has_place = true;
        places_.push_back({at, tag_end + 11, id});
      }
    }
    std::sort(places_.begin(), places_.end(), [](const Place& a, const Place& b) { return a.start < b.start; });
    return !places_.empty();
  }

  // html_ with each part moved to its place; parts with no place stay where they are.
  std::string Splice() {
    std::string out;
    out.reserve(html_.size());
    Emit(0, html_.size(), 0, &out);
    return out;
  }

 private:
  struct Place {
    std::size_t start, end;  // the <template>…</template>
    std::string_view id;
  };

  // Copies [from, to), leaving out parts that have a place and putting parts in their places.
  void Emit(std::size_t from, std::size_t to, int depth, std::string* out) {
    std::size_t cursor = from;
    std::string_view range = html_.substr(0, to);
    std::size_t next_part = range.find(kPartOpen, cursor);  // searched again only once passed: linear
    while (cursor < to) {
      if (next_part < cursor) next_part = range.find(kPartOpen, cursor);
      auto place = std::lower_bound(places_.begin(), places_.end(), cursor,
                                    [](const Place& p, std::size_t at) { return p.start < at; });
      std::size_t next_place = place != places_.end() ? place->start : std::string_view::npos;
      std::size_t next = std::min({next_part, next_place, to});
      out->append(html_.substr(cursor, next - cursor));
      cursor = next;
      if (cursor >= to) break;
      if (cursor == next_place) {
        StreamedPart& part = parts_.at(place->id);
        cursor = place->end;
        if (!part.used && depth < 64) {
          part.used = true;
          Emit(part.content_start, part.content_end, depth + 1, out);
        }
        continue;
      }
      // A part's own markup: left out when it has a place (it is emitted there), else kept.
      std::string_view id;
      std::size_t tag_end = 0;
      auto found = ReadStreamedId(html_, cursor, kPartOpen, &id, &tag_end) ? parts_.find(id) : parts_.end();
      if (found != parts_.end() && found->second.start == cursor && found->second.has_place) {
        cursor = found->second.end;
      } else {
        out->append(html_.substr(cursor, kPartOpen.size()));
        cursor += kPartOpen.size();
      }
    }
  }

  std::string_view html_;
  std::unordered_map<std::string_view, StreamedPart> parts_;
  std::vector<Place> places_;
};

}  // namespace

std::string_view PlaceStreamedParts(std::string_view html, std::string* storage) {
  if (html.find(kPartOpen) == std::string_view::npos) return html;
  StreamSplicer splicer(html);
  if (!splicer.FindParts()) return html;
  *storage = splicer.Splice();
  return *storage;
}

}  // namespace tradewire
