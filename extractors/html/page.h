// One page's Gumbo tree flattened into document order, with the text measures every later step needs computed
// once, bottom-up: the extractor's modules read lengths and link density from here instead of collecting text
// per node (which made them quadratic in nesting). Internal to extractors/html.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tradewire {

// Paragraph-like blocks: text inside one of these and outside any nested one is one paragraph ("run").
bool IsBlockTag(GumboTag tag);

struct PageNode {
  const GumboNode* node = nullptr;
  int32_t parent = -1;               // index of the parent element, -1 for the root
  int32_t end = 0;                   // one past the index of the last descendant: the subtree is [index, end)
  int32_t block = -1;                // text: the nearest enclosing block element (whose paragraph it belongs to)
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // elements only
  bool is_text = false;              // text, CDATA or white space; otherwise an element
  bool never_text = false;           // element whose subtree is never visible text (script, style, head, svg, …)
  bool hidden = false;               // this subtree is not visible: inside never_text, or under a removed element
  bool in_link = false;              // inside <a>
  bool removed = false;              // cut as boilerplate by the body extractor (the element itself, not inherited)

  // Measures in bytes of white-space-collapsed text, visible text only (never_text subtrees count nothing).
  int32_t length = 0;      // text node: its collapsed length; element: the whole subtree (boilerplate left out
                           // once RecountWithoutRemoved has run)
  int32_t all_length = 0;  // element: the whole subtree's visible text, boilerplate included
  int32_t link = 0;        // element: of `length`, the part inside links
  int32_t commas = 0;      // element: commas in the subtree
  int32_t run = 0;         // block element: the text of its own paragraph (not of nested blocks)
  int32_t run_link = 0;    // block element: of `run`, the part inside links
  int32_t run_commas = 0;  // block element: commas in `run`
};

class PageIndex {
 public:
  explicit PageIndex(const GumboNode* root);

  const std::vector<PageNode>& nodes() const { return nodes_; }
  std::vector<PageNode>& mutable_nodes() { return nodes_; }
  const PageNode& operator[](int32_t i) const { return nodes_[static_cast<std::size_t>(i)]; }
  int32_t size() const { return static_cast<int32_t>(nodes_.size()); }
  int32_t body() const { return body_; }  // index of <body>, or 0 (the root) when there is none
  int32_t h1_count() const { return h1_count_; }
  int links() const { return links_; }

  // Visible text of the subtree at i, white space collapsed; with skip_removed, boilerplate-cut subtrees are
  // left out. Block boundaries become spaces. Stops after max_bytes (roughly).
  std::string Text(int32_t i, bool skip_removed = false, std::size_t max_bytes = std::string::npos) const;
  // The same text cut at block boundaries, one string per line: "<a><p>Jane Doe</p><p>Tech Reporter</p></a>"
  // gives {"Jane Doe", "Tech Reporter"}. Empty lines are left out.
  std::vector<std::string> Lines(int32_t i, std::size_t max_bytes = std::string::npos) const;

  // Recomputes `length`, `link`, `commas`, `run` and `run_link` leaving out removed subtrees.
  void RecountWithoutRemoved();

 private:
  void Count(bool skip_removed);

  std::vector<PageNode> nodes_;
  int32_t body_ = 0;
  int32_t h1_count_ = 0;
  int links_ = 0;
};

// Appends `text` to `out` with runs of Unicode white space collapsed to one ASCII space; `pending_space` carries
// a run across calls (set it to false before the first). Leading white space is dropped when `out` is empty.
void AppendCollapsed(std::string_view text, std::string* out, bool* pending_space);

// CollapseWhitespace without ICU in the loop: the white space of Unicode's White_Space property, plus
// U+200B and U+FEFF, collapsed to single spaces; trimmed.
std::string Collapse(std::string_view text);

// Length in bytes of Collapse(text) (computed without building it).
int32_t CollapsedLength(std::string_view text);

// The lower-cased class and id attributes, space-separated ("" when neither is set).
std::string ClassAndId(const GumboNode* node);

}  // namespace tradewire
