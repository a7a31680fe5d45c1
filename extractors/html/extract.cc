// Main-content extraction over the Gumbo tree, in the family of Readability and trafilatura: boilerplate
// subtrees (navigation, share bars, related stories, comments, cookie and newsletter prompts, lead-generation
// forms) are cut by tag, role and class/id words; block-level text is scored by length, commas and link density;
// the best container and its qualifying siblings give the body. Metadata comes from JSON-LD, OpenGraph and
// article meta, <time>, visible "Published" lines and the URL, in that order of trust.
#include "extractors/html/extract.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "extractors/html/metadata.h"
#include "extractors/html/dom.h"
#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

// Real pages nest a few dozen levels; anything deeper than this is flattened before parsing, so that Gumbo's
// recursive tree destruction and our walks stay within a bounded stack.
constexpr int kMaxNesting = 400;

struct GumboDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};
using GumboTree = std::unique_ptr<GumboOutput, GumboDeleter>;

bool IsVoid(std::string_view tag) {
  static const char* kVoid[] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                "param", "source", "track", "wbr", "!doctype"};
  for (const char* v : kVoid) {
    if (tag.size() == std::strlen(v) && strncasecmp(tag.data(), v, tag.size()) == 0) return true;
  }
  return false;
}

// Calls visit(tag_start, closing) for every start and end tag of a non-void element, in order.
template <typename Visit>
void ScanTags(std::string_view html, Visit visit) {
  for (std::size_t i = 0; i + 1 < html.size(); ++i) {
    if (html[i] != '<') continue;
    bool closing = html[i + 1] == '/';
    std::size_t name_start = i + 1 + closing;
    std::size_t name_end = name_start;
    while (name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end]))) ++name_end;
    if (name_end == name_start || IsVoid(html.substr(name_start, name_end - name_start))) continue;
    if (!visit(i, closing)) return;
  }
}

// Drops start and end tags nested deeper than kMaxNesting (their text stays). Returns the input untouched in
// the common case.
std::string_view LimitNesting(std::string_view html, std::string* storage) {
  int depth = 0, max_depth = 0;
  ScanTags(html, [&](std::size_t, bool closing) {
    depth += closing ? -1 : 1;
    max_depth = std::max(max_depth, depth);
    return true;
  });
  if (max_depth <= kMaxNesting) return html;
  storage->reserve(html.size());
  depth = 0;
  std::size_t copied = 0;
  ScanTags(html, [&](std::size_t at, bool closing) {
    int level = closing ? depth : depth + 1;
    depth += closing ? -1 : 1;
    if (level <= kMaxNesting || at < copied) return true;
    std::size_t tag_end = html.find('>', at);
    if (tag_end == std::string_view::npos) return false;
    storage->append(html.substr(copied, at - copied));
    copied = tag_end + 1;
    return true;
  });
  storage->append(html.substr(copied));
  return *storage;
}



bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_LI: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BR: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_NAV: case GUMBO_TAG_HR:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_ADDRESS: case GUMBO_TAG_FIGCAPTION:
      return true;
    default:
      return false;
  }
}

// Subtrees that are never article text, whatever they contain.
bool IsAlwaysBoilerplate(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_FORM: case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SVG: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_INPUT: case GUMBO_TAG_LABEL: case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

class Extractor {
 public:
  Extractor(const GumboNode* root, std::string_view title) : root_(root), title_(title) {}

  // The body text, paragraphs separated by blank lines.
  std::string Body() {
    MarkBoilerplate();
    ScoreParagraphs();
    const GumboNode* best = nullptr;
    double best_score = 0;
    for (const auto& [node, score] : scores_) {
      double adjusted = score * (1 - LinkDensity(node));
      if (adjusted > best_score) {
        best_score = adjusted;
        best = node;
      }
    }
    if (!best) return "";
    // An article split into sections ("wrapper > body > p" repeated) scores each section apart: take the
    // highest of the next five ancestors that holds clearly more paragraph text and is not a link farm.
    const GumboNode* climbed = best;
    const std::size_t best_text = text_under_[best];
    int level = 0;
    for (const GumboNode* up = best->parent; up && up->type == GUMBO_NODE_ELEMENT &&
                                             up->v.element.tag != GUMBO_TAG_BODY && up != root_;
         up = up->parent) {
      if (text_under_[up] >= best_text * 1.5 && LinkDensity(up) <= 0.35) climbed = up;
      if (++level >= 5) break;
    }
    best = climbed;
    std::vector<std::string> paragraphs;
    const GumboNode* parent = best->parent;
    if (parent && parent->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& siblings = parent->v.element.children;
      for (unsigned i = 0; i < siblings.length; ++i) {
        const auto* sibling = static_cast<const GumboNode*>(siblings.data[i]);
        if (sibling == best || SiblingQualifies(sibling, best_score)) CollectParagraphs(sibling, &paragraphs);
      }
    } else {
      CollectParagraphs(best, &paragraphs);
    }
    std::string body;
    for (const std::string& p : paragraphs) {
      if (!body.empty()) body += "\n\n";
      body += p;
    }
    return body;
  }

 private:
  // Words of class/id/role that mark navigation, promotion and reader interaction.
  static const RE2& NegativeHint() {
    static const RE2 kNegative(
        R"((?i)(^|[-_ ])(comments?|share|sharing|social|sns|related|recommend|promo|newsletter|subscribe|cookie|consent|)"
        R"(sidebar|widget|advert|ad|ads|adslot|banner|popular|most-?read|trending|breadcrumbs?|location|byline|author|)"
        R"(writer|meta|tags?|tag-?list|footer|masthead|paging|pagination|ticker|util|copyright|caption|image-?box|)"
        R"(lead-?gen|login|signup|keyword|nav|menu|gnb|lnb|toolbar|sr-only|)"
        R"(modal|popup|disclaimer|navigation)([-_ ]|$))");
    return kNegative;
  }
  static const RE2& PositiveHint() {
    static const RE2 kPositive(R"((?i)(article|content|story|body|post|entry|main|text|news|view))");
    return kPositive;
  }

  // Paragraphs under each element: a wrapper named for layout ("Page-ad-margins") that holds the whole article
  // must not be cut for a weak hint.
  void CountParagraphs() {
    std::vector<std::pair<const GumboNode*, bool>> stack = {{root_, false}};
    while (!stack.empty()) {
      auto [node, children_done] = stack.back();
      stack.pop_back();
      if (node->type != GUMBO_NODE_ELEMENT) continue;
      const GumboVector& children = node->v.element.children;
      if (!children_done) {
        stack.push_back({node, true});
        for (unsigned i = 0; i < children.length; ++i) stack.push_back({static_cast<const GumboNode*>(children.data[i]), false});
        continue;
      }
      int count = node->v.element.tag == GUMBO_TAG_P;
      for (unsigned i = 0; i < children.length; ++i) {
        auto it = paragraphs_under_.find(static_cast<const GumboNode*>(children.data[i]));
        if (it != paragraphs_under_.end()) count += it->second;
      }
      if (count > 0) paragraphs_under_[node] = count;
    }
  }

  void MarkBoilerplate() {
    CountParagraphs();
    auto root_count = paragraphs_under_.find(root_);
    total_paragraphs_ = root_count == paragraphs_under_.end() ? 0 : root_count->second;
    std::vector<const GumboNode*> stack = {root_};
    while (!stack.empty()) {
      const GumboNode* node = stack.back();
      stack.pop_back();
      if (node->type != GUMBO_NODE_ELEMENT) continue;
      if (IsBoilerplate(node)) {
        removed_.insert(node);
        continue;
      }
      const GumboVector& children = node->v.element.children;
      for (unsigned i = 0; i < children.length; ++i) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
  }

  bool IsBoilerplate(const GumboNode* node) const {
    GumboTag tag = node->v.element.tag;
    if (IsAlwaysBoilerplate(tag)) return true;
    if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY) return false;
    if (Attr(node, "hidden")) return true;
    if (const char* style = Attr(node, "style")) {
      std::string s = AsciiLower(style);
      if (s.find("display:none") != std::string::npos || s.find("display: none") != std::string::npos) return true;
    }
    if (const char* role = Attr(node, "role")) {
      std::string r = AsciiLower(role);
      if (r == "navigation" || r == "banner" || r == "contentinfo" || r == "complementary" || r == "dialog" ||
          r == "menu" || r == "alert") {
        return true;
      }
    }
    if (tag == GUMBO_TAG_HEADER && node->parent && node->parent->type == GUMBO_NODE_ELEMENT &&
        node->parent->v.element.tag == GUMBO_TAG_BODY) {
      return true;  // the site header; an article's own <header> (title, date) is harmless
    }
    std::string hints;
    if (const char* cls = Attr(node, "class")) hints += cls;
    hints += ' ';
    if (const char* id = Attr(node, "id")) hints += id;
    if (hints.size() <= 1) return false;
    if (!RE2::PartialMatch(hints, NegativeHint())) return false;
    // "article-meta" is boilerplate, "article-body" is not: a container that names itself content wins unless
    // it also names a clear non-content purpose.
    static const RE2 kStrongNegative(
        R"((?i)(comment|share|social|related|promo|newsletter|cookie|consent|sidebar|advert|lead-?gen|breadcrumb|byline|copyright|caption|footer))");
    auto found = paragraphs_under_.find(node);
    int paragraphs = found == paragraphs_under_.end() ? 0 : found->second;
    // A wrapper that holds most of the page's paragraphs is the page, whatever its name says.
    if (paragraphs >= 5 && paragraphs * 2 >= total_paragraphs_) return false;
    if (RE2::PartialMatch(hints, kStrongNegative)) return true;
    if (paragraphs >= 5) return false;
    return !RE2::PartialMatch(hints, PositiveHint());
  }

  bool Removed(const GumboNode* node) const { return removed_.count(node) > 0; }

  // Visible text of a subtree, boilerplate excluded, white space collapsed.
  void AppendText(const GumboNode* node, std::string* out, std::size_t* link_chars = nullptr) const {
    std::vector<std::pair<const GumboNode*, bool>> stack = {{node, false}};
    while (!stack.empty()) {
      auto [current, in_link] = stack.back();
      stack.pop_back();
      if (current->type == GUMBO_NODE_TEXT || current->type == GUMBO_NODE_CDATA ||
          current->type == GUMBO_NODE_WHITESPACE) {
        std::string_view text = current->v.text.text;
        out->append(text);
        if (in_link && link_chars) *link_chars += text.size();
        continue;
      }
      if (current->type != GUMBO_NODE_ELEMENT || Removed(current)) continue;
      GumboTag tag = current->v.element.tag;
      if (tag == GUMBO_TAG_BR || IsBlock(tag)) out->push_back(' ');
      bool link = in_link || tag == GUMBO_TAG_A;
      const GumboVector& children = current->v.element.children;
      for (unsigned i = children.length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(children.data[i]), link});
    }
  }

  double LinkDensity(const GumboNode* node) const {
    std::string text;
    std::size_t link_chars = 0;
    AppendText(node, &text, &link_chars);
    return text.empty() ? 0 : static_cast<double>(link_chars) / static_cast<double>(text.size());
  }

  // Readability's scoring: each paragraph-like block gives points to its parent and half to its grandparent.
  void ScoreParagraphs() {
    std::vector<const GumboNode*> stack = {root_};
    while (!stack.empty()) {
      const GumboNode* node = stack.back();
      stack.pop_back();
      if (node->type != GUMBO_NODE_ELEMENT || Removed(node)) continue;
      GumboTag tag = node->v.element.tag;
      const GumboVector& children = node->v.element.children;
      for (unsigned i = 0; i < children.length; ++i) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
      if (tag != GUMBO_TAG_P && tag != GUMBO_TAG_PRE && tag != GUMBO_TAG_TD && tag != GUMBO_TAG_BLOCKQUOTE &&
          !(tag == GUMBO_TAG_DIV && HasDirectText(node))) {
        continue;
      }
      std::string text;
      std::size_t link_chars = 0;
      AppendText(node, &text, &link_chars);
      std::string collapsed = CollapseWhitespace(text);
      if (collapsed.size() < 25) continue;
      double score = 1 + std::count(collapsed.begin(), collapsed.end(), ',') +
                     std::min(3.0, static_cast<double>(collapsed.size()) / 100);
      score *= 1 - std::min(1.0, static_cast<double>(link_chars) / std::max<std::size_t>(1, text.size()));
      // Only the few ancestors that Body() may climb to need the count; bounded so that deep pages stay linear.
      int depth = 0;
      for (const GumboNode* up = node; up && up->type == GUMBO_NODE_ELEMENT && depth < 8; up = up->parent, ++depth) {
        text_under_[up] += collapsed.size();
      }
      const GumboNode* parent = node->parent;
      if (!parent || parent->type != GUMBO_NODE_ELEMENT) continue;
      scores_[parent] += score + ContainerBonus(parent);
      if (const GumboNode* grand = parent->parent; grand && grand->type == GUMBO_NODE_ELEMENT) {
        scores_[grand] += score / 2;
      }
    }
  }

  double ContainerBonus(const GumboNode* node) {
    auto [it, inserted] = bonus_.try_emplace(node, 0.0);
    if (!inserted) return 0;  // the bonus counts once per container
    std::string hints;
    if (const char* cls = Attr(node, "class")) hints += cls;
    hints += ' ';
    if (const char* id = Attr(node, "id")) hints += id;
    if (node->v.element.tag == GUMBO_TAG_ARTICLE || RE2::PartialMatch(hints, PositiveHint())) it->second = 5;
    return it->second;
  }

  static bool HasDirectText(const GumboNode* node) {
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_TEXT && std::strlen(child->v.text.text) > 20) return true;
    }
    return false;
  }

  bool SiblingQualifies(const GumboNode* sibling, double best_score) const {
    if (sibling->type != GUMBO_NODE_ELEMENT || Removed(sibling)) return false;
    auto it = scores_.find(sibling);
    if (it != scores_.end() && it->second * (1 - LinkDensity(sibling)) >= best_score * 0.2) return true;
    if (sibling->v.element.tag != GUMBO_TAG_P) return false;
    std::string text;
    AppendText(sibling, &text);
    std::string collapsed = CollapseWhitespace(text);
    return collapsed.size() > 80 && LinkDensity(sibling) < 0.25;
  }

  // One paragraph per block element that holds text directly; headings and list items included.
  void CollectParagraphs(const GumboNode* container, std::vector<std::string>* paragraphs) const {
    std::string current;
    auto flush = [&] {
      std::string paragraph = CollapseWhitespace(current);
      current.clear();
      if (paragraph.empty()) return;
      if (paragraph == CollapseWhitespace(title_)) return;  // the headline repeated inside the body
      paragraphs->push_back(std::move(paragraph));
    };
    struct Frame {
      const GumboNode* node;
      bool closing;
    };
    std::vector<Frame> stack = {{container, false}};
    while (!stack.empty()) {
      Frame frame = stack.back();
      stack.pop_back();
      const GumboNode* node = frame.node;
      if (frame.closing) {
        flush();
        continue;
      }
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_WHITESPACE) {
        current += node->v.text.text;
        continue;
      }
      if (node->type != GUMBO_NODE_ELEMENT || Removed(node)) continue;
      GumboTag tag = node->v.element.tag;
      bool block = IsBlock(tag);
      if (block) {
        flush();
        // Link lists (tag clouds, "read more" rows) inside the container are not text.
        if ((tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_P) &&
            LinkDensity(node) > 0.6) {
          continue;
        }
        stack.push_back({node, true});
      }
      if (tag == GUMBO_TAG_BR) {
        current += ' ';
        continue;
      }
      const GumboVector& children = node->v.element.children;
      for (unsigned i = children.length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(children.data[i]), false});
    }
    flush();
  }

  const GumboNode* root_;
  std::string title_;
  std::unordered_set<const GumboNode*> removed_;
  std::unordered_map<const GumboNode*, double> scores_;
  std::unordered_map<const GumboNode*, double> bonus_;
  std::unordered_map<const GumboNode*, int> paragraphs_under_;
  std::unordered_map<const GumboNode*, std::size_t> text_under_;  // scored paragraph text below each element
  int total_paragraphs_ = 0;
};

// Visible text of the whole page (for recognising consent walls and error pages).
std::string PageText(const GumboNode* root) {
  std::string text;
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT) {
      text += node->v.text.text;
      text += ' ';
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    GumboTag tag = node->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_NOSCRIPT) continue;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
  return CollapseWhitespace(text);
}

int CountLinks(const GumboNode* root) {
  int links = 0;
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    links += node->v.element.tag == GUMBO_TAG_A;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
  return links;
}

PageKind JudgePage(const Article& article, const std::string& page_text, int links) {
  static const RE2 kError(R"((?i)\b(404|page not found|not found|error|does not exist|no longer available)\b)");
  static const RE2 kConsent(R"((?i)(cookies?|consent|personali[sz]ed (ads|advertising)|partners))");
  static const RE2 kAccept(R"((?i)(accept all|agree|reject all|manage options|before you continue))");
  std::size_t body = article.text.size();
  std::size_t paragraphs = 1;
  for (std::size_t at = article.text.find("\n\n"); at != std::string::npos; at = article.text.find("\n\n", at + 2)) {
    ++paragraphs;
  }
  if (body < 600 && RE2::PartialMatch(article.title, kError)) return PageKind::kError;
  // A consent wall: a short page about cookies whose "body" is the prompt itself (or was all cut as one).
  if (page_text.size() < 3000 && body < 600 && RE2::PartialMatch(page_text, kConsent) &&
      RE2::PartialMatch(page_text, kAccept) && (body == 0 || RE2::PartialMatch(article.text, kConsent))) {
    return PageKind::kConsentWall;
  }
  // A list of teasers: many links, no running text.
  if (links >= 15 && (body < 250 || (paragraphs >= 6 && body / paragraphs < 70))) return PageKind::kIndex;
  if (body == 0) return PageKind::kEmpty;
  if (body < 250) return PageKind::kIndex;
  return PageKind::kArticle;
}

}  // namespace

Article ExtractArticle(std::string_view html_utf8, const ExtractHints& hints) {
  Article article;
  article.url = hints.url;
  std::string flattened;
  std::string_view html = LimitNesting(html_utf8, &flattened);
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 50;  // error records are not used; bounding them bounds memory on broken markup
  GumboTree tree(gumbo_parse_with_options(&options, html.data(), html.size()));
  if (!tree) {
    article.kind = PageKind::kEmpty;
    return article;
  }
  PageMetadata meta = ReadMetadata(tree->root, hints.url);
  article.title = !meta.title.empty() ? meta.title : hints.title;
  article.authors = meta.authors;
  article.published = !meta.published.empty() ? meta.published : hints.published;
  article.modified = meta.modified;
  article.canonical_url = meta.canonical_url;
  article.site_name = meta.site_name;
  article.description = meta.description;

  Extractor extractor(tree->root, article.title);
  article.text = extractor.Body();
  if (article.published.empty()) article.published = VisibleDate(tree->root, hints.url);
  article.dateline = ParseDateline(article.text, article.published);
  article.language = DetectLanguage(article.text, meta.declared_language);
  article.kind = JudgePage(article, PageText(tree->root), CountLinks(tree->root));
  return article;
}

Article ArticleFromText(std::string_view text_utf8, const ExtractHints& hints) {
  Article article;
  article.url = hints.url;
  article.published = hints.published;
  article.title = hints.title;
  article.text = SanitizeUtf8(text_utf8);  // verbatim otherwise: callers align offsets with their input
  article.dateline = ParseDateline(article.text, article.published);
  article.language = DetectLanguage(article.text, "");
  return article;
}

const char* PageKindName(PageKind kind) {
  switch (kind) {
    case PageKind::kArticle: return "article";
    case PageKind::kIndex: return "index";
    case PageKind::kError: return "error";
    case PageKind::kConsentWall: return "consent_wall";
    case PageKind::kEmpty: return "empty";
  }
  return "article";
}

}  // namespace tradewire
