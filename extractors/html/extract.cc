// Main-content extraction over the Gumbo tree, in the family of Readability and trafilatura. The tree is
// flattened once (page.h) with text lengths counted bottom-up, so every step below is linear. Boilerplate subtrees
// (navigation, share bars, related stories, comments, cookie and newsletter prompts, lead-generation forms) are
// cut by tag, role and class/id words, unless they hold most of the page's paragraph text; Readability's scoring
// finds the densest paragraph container, which grows to the ancestors that add more of the article and few
// links. Metadata (metadata.cc) is read knowing where that container is.
#include "extractors/html/extract.h"

#include <gumbo.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "extractors/html/charset.h"
#include "extractors/html/dom.h"
#include "extractors/html/markup.h"
#include "extractors/html/metadata.h"
#include "extractors/html/page.h"
#include "extractors/html/parse.h"
#include "extractors/text/utf8.h"
#include "extractors/text/calendar.h"

namespace tradewire {
namespace {

// Words of class/id that mark navigation, promotion and reader interaction, matched as whole tokens of the
// lower-cased class and id ("share-bar", "post_tags"); "mostread" stands for "most-read" and kin. Sorted: the
// lookup is a binary search.
bool IsNegativeToken(std::string_view token) {
  static const std::string_view kWords[] = {
      "ad",           "adblock",      "ads",          "adslot",       "advert",       "author",       "banner",
      "breadcrumb",   "breadcrumbs",  "byline",       "caption",      "comment",      "comments",     "consent",
      "cookie",       "copyright",    "disclaimer",   "footer",       "form",         "gnb",          "imagebox",
      "keyword",      "leadgen",      "lnb",          "location",     "login",        "masthead",     "menu",
      "meta",         "modal",        "mostread",     "nav",          "navigation",   "newsletter",   "pagination",
      "paging",       "popular",      "popup",        "posts",        "promo",        "recommend",    "related",
      "share",        "sharing",      "sidebar",      "signup",       "sns",          "social",       "sronly",
      "subscribe",    "tag",          "taglist",      "tags",         "testimonial",  "testimonials", "ticker",
      "toolbar",      "trending",     "util",         "widget",       "writer"};
  return std::binary_search(std::begin(kWords), std::end(kWords), token);
}

// "sidebar-layout", "content-sidebar", "has-sidebar": a page layout with a sidebar, not the sidebar itself (whose
// own element, met first on the way down, says just "sidebar" or "widget-area").
bool IsLayoutClass(std::string_view hints) {
  for (std::string_view word : {"layout", "grid", "wrap", "container", "content", "main", "page", "has-", "with-",
                                "no-", "body", "article", "post"}) {
    if (hints.find(word) != std::string_view::npos) return true;
  }
  return false;
}

// Clear non-content purposes, found anywhere in the class/id ("relatedPosts", "comment-list").
bool HasStrongNegative(std::string_view hints) {
  static const std::string_view kWords[] = {"comment",    "share",   "social",    "related", "promo",    "newsletter",
                                            "cookie",     "consent", "advert",    "leadgen", "lead-gen", "lead_gen",
                                            "breadcrumb", "byline",  "copyright", "caption", "footer"};
  for (std::string_view word : kWords) {
    if (hints.find(word) != std::string_view::npos) return true;
  }
  return hints.find("sidebar") != std::string_view::npos && !IsLayoutClass(hints);
}

// Labels and prompts that stand alone between paragraphs on many sites.
// Credits, prompts and leaked markup around a story: "Reporting by …; Editing by …", "Jane Doe | Bloomberg | Getty
// Images", "Sign up for our free daily newsletter …", a WordPress shortcode, a CSS name printed as text
// ("narrow-browser-and-phone").
// `text` is the paragraph lower-cased.
bool IsCreditOrPrompt(std::string_view paragraph, const std::string& text) {
  if (paragraph.empty() || paragraph.size() > 300) return false;
  // "Reporting by Jane Doe; Editing by John Roe", not "Reporting by the Financial Times showed that …."
  bool credit_line = text.find(';') != std::string::npos || text.back() != '.';
  for (std::string_view credit : {"reporting by ", "additional reporting by ", "editing by ", "writing by "}) {
    if (text.rfind(credit, 0) == 0 && credit_line) return true;
  }
  for (std::string_view credit : {"photo: ", "photo credit", "image credit", "images: "}) {
    if (text.rfind(credit, 0) == 0) return true;
  }
  // A photo credit: "Jane Doe | Bloomberg | Getty Images", "Photo by Jane Doe/Getty Images", "(AP Photo/John Roe)";
  // not a sentence about the agency ("Getty Images said on Monday …").
  std::string_view trimmed = std::string_view(text).substr(0, text.find_last_not_of(" .)") + 1);
  bool getty = trimmed.size() >= 12 && trimmed.substr(trimmed.size() - 12) == "getty images";
  if (paragraph.size() <= 120 && (getty || text.find("/ap photo") != std::string::npos ||
                                  text.find("(ap photo") != std::string::npos)) {
    return true;
  }
  // The prompt asks ("Sign up for …", "Subscribe to …"); a sentence about a newsletter one is "subscribed to" is
  // text.
  if (paragraph.size() <= 200 && text.find("newsletter") != std::string::npos &&
      (text.find("sign up") != std::string::npos || text.find("subscribe to") != std::string::npos ||
       text.find("subscribe now") != std::string::npos || text.rfind("subscribe", 0) == 0)) {
    return true;
  }
  static const RE2 kShortcode(R"(^\[[a-z_]+[ \]].*\[/[a-z_]+\]$)");
  static const RE2 kCssName(R"(^[a-z]+(?:-[a-z]+){2,}$)");
  return RE2::FullMatch(text, kShortcode) || RE2::FullMatch(text, kCssName);
}

bool IsFurniture(std::string_view paragraph) {
  if (paragraph.size() > 300) return false;
  std::string text = AsciiLower(paragraph);
  if (IsCreditOrPrompt(paragraph, text)) return true;
  if (paragraph.size() > 60) return false;
  while (!text.empty() && (std::ispunct(static_cast<unsigned char>(text.back())) || text.back() == ' ')) {
    text.pop_back();
  }
  static const std::string_view kLabels[] = {"ad",
                                             "advert",
                                             "advertisement",
                                             "advertising",
                                             "comments",
                                             "continue reading",
                                             "continue reading below",
                                             "loading",
                                             "read more",
                                             "related",
                                             "related articles",
                                             "related stories",
                                             "scroll to continue",
                                             "scroll to continue with content",
                                             "share",
                                             "share this",
                                             "share this article",
                                             "share this story",
                                             "skip advert",
                                             "sponsored",
                                             "story continues below",
                                             "story continues below advertisement",
                                             "this slideshow requires javascript",
                                             "tell us what you think"};
  for (std::string_view label : kLabels) {
    if (text == label) return true;
  }
  // A placeholder left where content was to load: "Loading paragraph...", "Loading comments…".
  bool trailing_dots = paragraph.size() >= 3 && (paragraph.substr(paragraph.size() - 3) == "..." ||
                                                 paragraph.substr(paragraph.size() - 3) == "\u2026");
  return trailing_dots && text.rfind("loading", 0) == 0 && std::count(text.begin(), text.end(), ' ') <= 2;
}

// The body without a run of paragraphs it already gave in the same order: pages that carry their article, or a
// long part of it, twice (a desktop and a mobile layout, one hidden by CSS). What an article itself repeats (an
// interview's question put to each guest, a meal plan's daily lines) is shorter: a run is five paragraphs and
// 1,500 bytes at least.
std::string WithoutRepeatedRuns(const std::string& body) {
  std::vector<std::string_view> paragraphs;
  for (std::size_t start = 0; start <= body.size();) {
    std::size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    paragraphs.push_back(std::string_view(body).substr(start, end - start));
    start = end + 2;
  }
  std::unordered_map<std::string_view, std::size_t> first;  // paragraph → where it first stands
  std::vector<bool> repeated(paragraphs.size(), false);
  for (std::size_t i = 0; i < paragraphs.size();) {
    auto [at, inserted] = first.emplace(paragraphs[i], i);
    if (inserted) {
      ++i;
      continue;
    }
    std::size_t j = at->second, length = 0, bytes = 0;
    while (i + length < paragraphs.size() && j + length < i && paragraphs[i + length] == paragraphs[j + length]) {
      bytes += paragraphs[i + length].size();
      ++length;
    }
    if (length >= 5 && bytes >= 1500) {
      std::fill(repeated.begin() + static_cast<std::ptrdiff_t>(i),
                repeated.begin() + static_cast<std::ptrdiff_t>(i + length), true);
      i += length;
    } else {
      ++i;
    }
  }
  if (std::find(repeated.begin(), repeated.end(), true) == repeated.end()) return body;
  std::string out;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (repeated[i]) continue;
    if (!out.empty()) out += "\n\n";
    out += paragraphs[i];
  }
  return out;
}

// Where an article's closing matter starts: "About the Author" and the bio under it, a press release's "###" and
// "Media contact". A release's "About Acme" stays: it describes the company the release is about.
bool OpensClosingMatter(std::string_view heading) {
  if (heading.size() > 40) return false;
  std::string key = AsciiLower(heading);
  while (!key.empty() && (key.back() == ':' || key.back() == ' ')) key.pop_back();
  for (std::string_view marker : {"about the author", "about the authors", "about the contributor",
                                  "about the contributors", "about the writer", "###", "media contact",
                                  "media contacts", "press contact", "press contacts"}) {
    if (key == marker) return true;
  }
  return false;
}

std::string WithoutClosingMatter(const std::string& body) {
  std::size_t start = body.size() / 2;  // closing matter is in the last part of the text
  for (std::size_t at = body.find("\n\n", start); at != std::string::npos; at = body.find("\n\n", at + 2)) {
    std::size_t heading_start = at + 2;
    std::size_t heading_end = body.find("\n\n", heading_start);
    if (heading_end == std::string::npos) break;
    std::string_view heading = std::string_view(body).substr(heading_start, heading_end - heading_start);
    // What follows is the closing matter only while it is the short end of the text.
    if (OpensClosingMatter(heading) && (body.size() - heading_start) * 10 <= body.size() * 4) {
      return body.substr(0, at);
    }
  }
  return body;
}

// Purposes clear enough inside any class name ("newsCaption", "wp-block-newsletter"), token or not.
bool HasUnmistakableNegative(std::string_view hints) {
  for (std::string_view word : {"caption", "breadcrumb", "newsletter", "cookie", "copyright", "byline", "advert"}) {
    if (hints.find(word) != std::string_view::npos) return true;
  }
  return false;
}

// A paragraph that is only a date or time stamp ("Updated Nov 19, 9:41 AM; Posted Nov 18", "PUBLISHED: 10:48,
// Tue, Nov 19, 2019"): page furniture, not body text.
bool IsDateLine(std::string_view paragraph) {
  if (paragraph.size() > 100) return false;
  // With the words of relative stamps: "Updated 14 hours ago".
  static const std::string_view kDateWords[] = {
      "a",          "ago",        "am",         "an",         "apr",        "april",      "at",         "aug",
      "august",     "bst",        "cest",       "cet",        "date",       "day",        "days",       "dec",
      "december",   "edt",        "est",        "feb",        "february",   "fri",        "friday",     "gmt",
      "hour",       "hours",      "hr",         "hrs",        "ist",        "jan",        "january",    "jst",
      "jul",        "july",       "jun",        "june",       "kst",        "last",       "m",          "mar",
      "march",      "may",        "min",        "mins",       "minute",     "minutes",    "modified",   "mon",
      "monday",     "nov",        "november",   "oct",        "october",    "on",         "p",          "pdt",
      "pm",         "posted",     "pst",        "published",  "sat",        "saturday",   "sep",        "sept",
      "september",  "sun",        "sunday",     "thu",        "thursday",   "time",       "today",      "tue",
      "tuesday",    "updated",    "utc",        "wed",        "wednesday",  "yesterday"};
  bool month = false, label = false, digits = false;
  std::size_t i = 0;
  while (i < paragraph.size()) {
    unsigned char c = static_cast<unsigned char>(paragraph[i]);
    if (std::isdigit(c)) {
      while (i < paragraph.size() && std::isdigit(static_cast<unsigned char>(paragraph[i]))) ++i;
      digits = true;
      continue;
    }
    if (!std::isalpha(c)) {
      if (c >= 0x80) return false;  // letters of other scripts: not a date line we know
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < paragraph.size() && std::isalpha(static_cast<unsigned char>(paragraph[i]))) ++i;
    std::string word = AsciiLower(paragraph.substr(start, i - start));
    if (word == "st" || word == "nd" || word == "rd" || word == "th") continue;  // 1st, 22nd
    if (!std::binary_search(std::begin(kDateWords), std::end(kDateWords), word)) return false;
    month |= MonthFromName(word) != 0;
    label |= word == "published" || word == "updated" || word == "posted" || word == "modified";
  }
  // "Nov 19, 2019 12:21 AM", or a labelled stamp without a month: "Published 1 day ago", "Updated at 1:23 p.m.".
  return digits && (month || label);
}

bool HasPositive(std::string_view hints) {
  static const std::string_view kWords[] = {"article", "content", "story", "body", "post",
                                            "entry",   "main",    "text",  "news", "view"};
  for (std::string_view word : kWords) {
    for (std::size_t at = hints.find(word); at != std::string_view::npos; at = hints.find(word, at + 1)) {
      // "posts" is a list of other posts ("elementor-widget-posts", "latest-posts"), not this one.
      if (word == "post" && hints.substr(at + 4, 1) == "s") continue;
      return true;
    }
  }
  return false;
}

bool HasNegativeToken(std::string_view hints) {
  std::string_view previous;
  std::size_t i = 0;
  while (i < hints.size()) {
    bool starts_name = i == 0;  // the first part of a class name, not one inside it ("elementor-widget-…")
    while (i < hints.size() &&
           (hints[i] == ' ' || hints[i] == '-' || hints[i] == '_' || hints[i] == '\t' || hints[i] == '\n')) {
      starts_name |= hints[i] == ' ' || hints[i] == '\t' || hints[i] == '\n';
      ++i;
    }
    std::size_t start = i;
    while (i < hints.size() && hints[i] != ' ' && hints[i] != '-' && hints[i] != '_' && hints[i] != '\t' &&
           hints[i] != '\n') {
      ++i;
    }
    if (i == start) break;
    std::string_view token = hints.substr(start, i - start);
    // A sidebar's "widget", "widget_text", "widget-area"; inside a page builder's names ("elementor-widget-
    // container", "elementor-widget-text-editor") it is any block, the article's text too.
    bool builder_part = token == "widget" && !starts_name;
    if (IsNegativeToken(token) && !builder_part && !(token == "sidebar" && IsLayoutClass(hints))) return true;
    if (previous == "most" || previous == "tag" || previous == "image" || previous == "lead" || previous == "sr") {
      char joined[32];
      if (previous.size() + token.size() < sizeof joined) {
        std::memcpy(joined, previous.data(), previous.size());
        std::memcpy(joined + previous.size(), token.data(), token.size());
        if (IsNegativeToken(std::string_view(joined, previous.size() + token.size()))) return true;
      }
    }
    previous = token;
  }
  return false;
}

bool IsHeading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

bool IsListItem(GumboTag tag) { return tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DT || tag == GUMBO_TAG_DD; }

// Main-content extraction over the flattened page.
class BodyExtractor {
 public:
  explicit BodyExtractor(PageIndex* page) : page_(*page), nodes_(page->mutable_nodes()) {}

  // Cuts the boilerplate (marking it `removed` in the page) and finds the article's container.
  ContentRegion Locate() {
    good_ = GoodText();
    MarkBoilerplate();
    page_.RecountWithoutRemoved();
    good_ = GoodText();
    root_ = ChooseRoot();
    return {root_, core_};
  }

  // The body text, paragraphs separated by blank lines; the title and description tell a repeated headline and
  // a summary above the article from its text.
  std::string Text(std::string_view title, std::string_view description) {
    if (root_ < 0) return "";
    title_ = Collapse(title);
    description_ = Collapse(description);
    std::string body;
    Collect(root_, &body);
    return WithoutClosingMatter(WithoutRepeatedRuns(body));
  }

 private:
  // A paragraph is sentence-like text: long enough, and mostly not link text.
  static constexpr int32_t kMinParagraph = 25;

  int32_t RunGood(const PageNode& n) const {
    if (n.run < kMinParagraph || n.run_link * 2 >= n.run) return 0;
    return n.run - n.run_link;
  }

  // Paragraph text under each element (visible, not removed), summed bottom-up.
  std::vector<int32_t> GoodText() const {
    std::vector<int32_t> good(nodes_.size(), 0);
    for (std::size_t i = nodes_.size(); i-- > 0;) {
      const PageNode& n = nodes_[i];
      if (n.is_text || n.hidden) continue;
      if (IsBlockTag(n.tag)) good[i] += RunGood(n);
      if (n.parent >= 0 && !n.removed) good[static_cast<std::size_t>(n.parent)] += good[i];
    }
    return good;
  }

  int32_t Good(int32_t i) const { return good_[static_cast<std::size_t>(i)]; }

  // Cuts boilerplate subtrees, top-down; a subtree that holds most of the page's paragraph text is the page,
  // whatever its tag or name says, and is never cut.
  void MarkBoilerplate() {
    int32_t body = page_.body();
    total_good_ = Good(body);
    for (int32_t i = body + 1; i < nodes_[static_cast<std::size_t>(body)].end; ++i) {
      PageNode& n = nodes_[static_cast<std::size_t>(i)];
      if (n.is_text) continue;
      if (n.never_text) {
        i = n.end - 1;
        continue;
      }
      if (IsBoilerplate(i)) {
        n.removed = true;
        i = n.end - 1;
      } else if (n.tag == GUMBO_TAG_PRE || n.tag == GUMBO_TAG_CODE) {
        i = n.end - 1;  // code: a highlighter's "hljs-comment" is the program's, not the readers'
      }
    }
  }

  bool HoldsThePage(int32_t i) const { return total_good_ > 0 && Good(i) * 2 >= total_good_; }

  // Whether a <table> is among the first few hundred nodes under i (a figure's table comes first or after an
  // image; the look is bounded so that nested figures stay linear).
  bool HoldsTable(int32_t i) const {
    int32_t end = std::min(nodes_[static_cast<std::size_t>(i)].end, i + 400);
    for (int32_t j = i + 1; j < end; ++j) {
      const PageNode& n = nodes_[static_cast<std::size_t>(j)];
      if (!n.is_text && n.tag == GUMBO_TAG_TABLE) return true;
    }
    return false;
  }

  bool IsBoilerplate(int32_t i) const {
    const PageNode& n = nodes_[static_cast<std::size_t>(i)];
    const GumboNode* node = n.node;
    switch (n.tag) {
      case GUMBO_TAG_BUTTON:
      case GUMBO_TAG_LABEL:
      case GUMBO_TAG_MENU:
        return true;
      case GUMBO_TAG_FIGURE:
        // An image and its caption; a figure holding a table (WordPress's wp-block-table) is the article's data.
        if (HoldsTable(i)) break;
        return !HoldsThePage(i);
      case GUMBO_TAG_NAV:
      case GUMBO_TAG_FOOTER:
      case GUMBO_TAG_ASIDE:
      case GUMBO_TAG_FORM:
        return !HoldsThePage(i);
      case GUMBO_TAG_HEADER:
        // The site header; an article's own <header> (title, date) is harmless.
        if (n.parent == page_.body()) return !HoldsThePage(i);
        break;
      default:
        break;
    }
    if (node->v.element.attributes.length == 0) return false;
    // A collapsed accordion or tab panel (ARIA: labelled by its toggle) is text the reader opens, not furniture.
    bool panel = Attr(node, "aria-labelledby") != nullptr;
    if (Attr(node, "hidden") && !panel) return !HoldsThePage(i);
    if (const char* style = Attr(node, "style"); style && !panel) {
      std::string s = AsciiLower(style);
      if ((s.find("display:none") != std::string::npos || s.find("display: none") != std::string::npos) &&
          !HoldsThePage(i)) {
        return true;
      }
    }
    if (const char* role = Attr(node, "role")) {
      std::string r = AsciiLower(role);
      if ((r == "navigation" || r == "banner" || r == "contentinfo" || r == "complementary" || r == "dialog" ||
           r == "menu" || r == "alert") &&
          !HoldsThePage(i)) {
        return true;
      }
    }
    std::string hints = ClassAndId(node);
    if (hints.empty()) return false;
    if (HasUnmistakableNegative(hints)) return !HoldsThePage(i);
    // A post embedded in the story ("social-media-embed", <blockquote class="twitter-tweet">) is quoted in it;
    // embedded promotions ("related-embed") are not.
    bool embedded_post = hints.find("embed") != std::string::npos || hints.find("twitter-tweet") != std::string::npos;
    if (embedded_post && hints.find("related") == std::string::npos && hints.find("promo") == std::string::npos &&
        hints.find("recommend") == std::string::npos && hints.find("sponsor") == std::string::npos) {
      return false;
    }
    if (!HasNegativeToken(hints)) return false;
    // "article-meta" is boilerplate, "article-body" is not: a container that names itself content wins unless
    // it also names a clear non-content purpose.
    if (HoldsThePage(i)) return false;
    if (HasStrongNegative(hints)) return true;
    if (Good(i) >= 400) return false;
    return !HasPositive(hints);
  }

  // The container of the article, in two steps. Readability's scoring finds its core: each paragraph gives
  // points (length, commas, little link text) to its parent and half to its grandparent, so the element holding
  // most running text directly wins over lists of teasers. Then the core grows to an ancestor while what the
  // ancestor adds reads like more of the article (sections of a page builder, a lead outside the body): mostly
  // paragraph text, few links.
  int32_t ChooseRoot() {
    int32_t body = page_.body();
    int32_t end = nodes_[static_cast<std::size_t>(body)].end;
    int32_t core = FindCore(body, end, /*lists=*/false);
    // List items score only when nothing else holds running text (a page that is one long list).
    if (core < 0) core = FindCore(body, end, /*lists=*/true);
    if (core < 0) return -1;
    // A data table's rows score its body; the article is what holds the table, with the text about it.
    for (int32_t up = nodes_[static_cast<std::size_t>(core)].parent;
         IsTablePart(nodes_[static_cast<std::size_t>(core)].tag) && up > body;
         up = nodes_[static_cast<std::size_t>(up)].parent) {
      core = up;
    }
    core_ = core;
    int32_t root = core;
    for (int32_t child = core, up = nodes_[static_cast<std::size_t>(core)].parent; up >= body;
         child = up, up = nodes_[static_cast<std::size_t>(up)].parent) {
      const PageNode& a = nodes_[static_cast<std::size_t>(up)];
      const PageNode& r = nodes_[static_cast<std::size_t>(root)];
      double added_good = Good(up) - Good(root);
      double added_length = a.length - r.length;
      double added_link = a.link - r.link;
      bool reads_on = added_link <= kClimbLink * added_length && added_good >= kClimbGood * added_length;
      // More sections of the same kind as the one the core is in, each under its own heading ("<div class=sect1>"
      // after "<div class=sect1>"): the rest of the article, even where its sections list links.
      bool same_sections = SameClassGood(up, child) >= kSectionShare * added_good &&
                           added_link <= kClimbSectionLink * added_length &&
                           added_good >= kClimbSectionGood * added_length;
      if (added_good > 0 && (reads_on || same_sections)) root = up;
      if (up == body) break;
    }
    return root;
  }

  // The element whose paragraphs give it the most points (Readability), discounted by its link text.
  int32_t FindCore(int32_t body, int32_t end, bool lists) const {
    std::vector<double> score(nodes_.size(), 0.0);
    std::vector<uint8_t> bonus_given(nodes_.size(), 0);
    for (int32_t i = end; i-- > body;) {
      const PageNode& n = nodes_[static_cast<std::size_t>(i)];
      if (n.is_text || n.hidden || n.removed) continue;
      if (!IsBlockTag(n.tag) || IsHeading(n.tag) || (!lists && IsListItem(n.tag)) || RunGood(n) == 0) continue;
      double points = 1 + n.run_commas + std::min(3.0, n.run / 100.0);
      points *= 1 - static_cast<double>(n.run_link) / n.run;
      // Text straight in <body> (a page with no markup to speak of) scores the body itself.
      auto parent = static_cast<std::size_t>(i == body || n.parent < body ? body : ScoringParent(i, body));
      score[parent] += points;
      if (!bonus_given[parent]) {
        bonus_given[parent] = 1;
        score[parent] += ContainerBonus(nodes_[parent]);
      }
      if (int32_t grand = nodes_[parent].parent; grand >= body) score[static_cast<std::size_t>(grand)] += points / 2;
    }
    int32_t core = -1;
    double best = 0;
    for (int32_t i = body; i < end; ++i) {
      const PageNode& n = nodes_[static_cast<std::size_t>(i)];
      if (n.is_text) continue;
      if (n.hidden || n.removed || Good(i) == 0) {
        i = n.end - 1;
        continue;
      }
      double adjusted = score[static_cast<std::size_t>(i)] * (1 - LinkDensity(n));
      if (adjusted > best) {
        best = adjusted;
        core = i;
      }
    }
    return core;
  }

  // The element a paragraph's points go to: its parent, or past wrappers that hold nothing else
  // ("<div class=paragraph><p>…</p></div>" per paragraph, as Asciidoctor and page builders write), as Readability
  // scores a <div> holding a single <p> as that <p>.
  int32_t ScoringParent(int32_t i, int32_t body) const {
    int32_t child = i;
    int32_t parent = nodes_[static_cast<std::size_t>(i)].parent;
    while (parent > body && IsWrapper(nodes_[static_cast<std::size_t>(parent)].tag) && OnlyChild(parent, child)) {
      child = parent;
      parent = nodes_[static_cast<std::size_t>(parent)].parent;
    }
    return parent;
  }

  static bool IsWrapper(GumboTag tag) { return tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION; }

  static bool IsTablePart(GumboTag tag) {
    return tag == GUMBO_TAG_TABLE || tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TFOOT ||
           tag == GUMBO_TAG_TR;
  }

  // Whether `child` is all that `parent` holds, white space aside.
  bool OnlyChild(int32_t parent, int32_t child) const {
    const PageNode& p = nodes_[static_cast<std::size_t>(parent)];
    for (int32_t j = parent + 1; j < p.end; j = nodes_[static_cast<std::size_t>(j)].end) {
      const PageNode& n = nodes_[static_cast<std::size_t>(j)];
      if (j != child && (n.is_text ? n.length > 0 : !n.never_text)) return false;
    }
    return true;
  }

  // What an ancestor adds to the core must be at most this much link text and at least this much paragraph text;
  // when most of its paragraph text (kSectionShare) is in sections like the core's own, the second pair.
  static constexpr double kClimbLink = 0.15;
  static constexpr double kClimbGood = 0.6;
  static constexpr double kSectionShare = 0.6;
  static constexpr double kClimbSectionLink = 0.5;
  static constexpr double kClimbSectionGood = 0.3;

  // Whether the first text in the subtree at i is a heading that is no link: a section of an article ("<div
  // class=sect1><h2>Results</h2>…"), not a teaser card (a linked headline, or an image first) or a grid cell.
  bool OpensWithHeading(int32_t i) const {
    const PageNode& section = nodes_[static_cast<std::size_t>(i)];
    for (int32_t j = i + 1; j < section.end; ++j) {
      const PageNode& n = nodes_[static_cast<std::size_t>(j)];
      if (n.hidden || n.never_text) {
        j = n.end - 1;
        continue;
      }
      if (n.is_text) {
        if (n.length > 0) return false;
        continue;
      }
      if (IsHeading(n.tag)) return n.length > 0 && n.link == 0 && !n.in_link;
    }
    return false;
  }

  // Paragraph text in the other children of `parent` that have the tag and class of `child` and open with a
  // heading, when there are two or more.
  int32_t SameClassGood(int32_t parent, int32_t child) const {
    const GumboNode* model = nodes_[static_cast<std::size_t>(child)].node;
    const char* model_class = Attr(model, "class");
    if (!model_class || !*model_class) return 0;
    int32_t good = 0, sections = 0;
    const PageNode& p = nodes_[static_cast<std::size_t>(parent)];
    for (int32_t j = parent + 1; j < p.end; j = nodes_[static_cast<std::size_t>(j)].end) {
      const PageNode& n = nodes_[static_cast<std::size_t>(j)];
      if (j == child || n.is_text || n.tag != nodes_[static_cast<std::size_t>(child)].tag) continue;
      const char* cls = Attr(n.node, "class");
      if (cls && std::strcmp(cls, model_class) == 0 && OpensWithHeading(j)) {
        good += Good(j);
        ++sections;
      }
    }
    // One such block beside the core's is as often a different one (related posts, a newsletter prompt) styled
    // alike; a series of them is the article's outline.
    return sections >= 2 ? good : 0;
  }

  static double LinkDensity(const PageNode& n) { return n.length == 0 ? 0 : static_cast<double>(n.link) / n.length; }

  static double ContainerBonus(const PageNode& n) {
    if (n.tag == GUMBO_TAG_ARTICLE) return 5;
    std::string hints = ClassAndId(n.node);
    return !hints.empty() && HasPositive(hints) ? 5 : 0;
  }

  // One paragraph per block element that holds text directly; headings and list items included.
  void Collect(int32_t root, std::string* body) const {
    std::string current;
    bool pending = false;
    int32_t current_start = -1;  // where the paragraph being collected starts
    auto flush = [&] {
      // The headline repeated inside the body is not body, nor is a date stamp or an "Advertisement" label, nor
      // the summary (the page's description) standing above the article's own container.
      bool keep = !current.empty() && current != title_ && !IsDateLine(current) && !IsFurniture(current) &&
                  !(body->empty() && current_start < core_ && IsDescription(current));
      if (keep) {
        if (!body->empty()) body->append("\n\n");
        body->append(current);
      }
      current.clear();
      pending = false;
      current_start = -1;
    };
    std::vector<int32_t> open;  // ends of the block elements being collected
    int32_t end = nodes_[static_cast<std::size_t>(root)].end;
    for (int32_t i = root; i < end; ++i) {
      while (!open.empty() && open.back() <= i) {
        flush();
        open.pop_back();
      }
      const PageNode& n = nodes_[static_cast<std::size_t>(i)];
      if (n.is_text) {
        if (n.hidden) continue;
        if (current_start < 0) current_start = i;
        AppendCollapsed(n.node->v.text.text, &current, &pending);
        continue;
      }
      if (n.hidden || n.removed) {
        i = n.end - 1;
        continue;
      }
      if (!IsBlockTag(n.tag)) continue;
      // A table row is one paragraph, its cells apart by tabs: "Q1 2025<TAB>-12.4%" keeps a figure with its label.
      if ((n.tag == GUMBO_TAG_TD || n.tag == GUMBO_TAG_TH) && n.parent >= 0 &&
          nodes_[static_cast<std::size_t>(n.parent)].tag == GUMBO_TAG_TR) {
        if (!current.empty()) current.push_back('\t');
        pending = false;
        continue;
      }
      flush();
      // Link lists (tag clouds, "read more" rows) inside the container are not text.
      if ((n.tag == GUMBO_TAG_UL || n.tag == GUMBO_TAG_OL || n.tag == GUMBO_TAG_DIV || n.tag == GUMBO_TAG_P) &&
          n.length > 0 && n.link * 10 > n.length * 6) {
        i = n.end - 1;
        continue;
      }
      open.push_back(n.end);
    }
    flush();
  }

  bool IsDescription(const std::string& paragraph) const {
    if (description_.size() < 40) return false;
    std::size_t common = std::min(paragraph.size(), description_.size());
    // Descriptions are often cut short ("…"); compare what both have.
    return common >= 40 && paragraph.compare(0, common, description_, 0, common) == 0 &&
           std::max(paragraph.size(), description_.size()) - common < 40;
  }

  PageIndex& page_;
  std::vector<PageNode>& nodes_;
  std::string title_;
  std::string description_;
  int32_t root_ = -1;  // the article's container
  int32_t core_ = -1;  // where ChooseRoot found the article's core
  std::vector<int32_t> good_;
  int32_t total_good_ = 0;
};

PageKind JudgePage(const Article& article, const PageIndex& page, int32_t page_text_length) {
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
  if (page_text_length < 3000 && body < 600) {
    std::string page_text = page.Text(page.body());
    if (RE2::PartialMatch(page_text, kConsent) && RE2::PartialMatch(page_text, kAccept) &&
        (body == 0 || RE2::PartialMatch(article.text, kConsent))) {
      return PageKind::kConsentWall;
    }
  }
  // A list of teasers: many links, no running text.
  int links = page.links();
  if (links >= 15 && (body < 250 || (paragraphs >= 6 && body / paragraphs < 70))) return PageKind::kIndex;
  if (body == 0) return PageKind::kEmpty;
  if (body < 250) return PageKind::kIndex;
  return PageKind::kArticle;
}

// The first known date of `candidates` (best first) and where it came from; none leaves the article undated.
void SetPublished(Article* article, std::initializer_list<std::pair<std::string_view, std::string_view>> candidates) {
  for (const auto& [date, source] : candidates) {
    if (date.empty()) continue;
    article->published = std::string(date);
    article->published_source = std::string(source);
    return;
  }
}

}  // namespace

StatusOr<Article> ExtractArticle(std::string_view html_utf8, const ExtractHints& hints, const ParseBudget& budget) {
  Article article;
  article.url = hints.url;
  if (LooksBinary(html_utf8)) {
    article.kind = PageKind::kEmpty;
    return article;
  }
  std::string placed, bounded;
  std::string_view html = BoundMarkup(PlaceStreamedParts(html_utf8, &placed), &bounded);
  StatusOr<ParsedHtml> tree = ParsedHtml::Parse(html, budget);
  if (!tree.ok()) return tree.status();
  PageIndex page(tree->root());
  int32_t page_text_length = page[page.body()].length;
  BodyExtractor extractor(&page);
  ContentRegion region = extractor.Locate();
  PageMetadata meta = ReadMetadata(page, hints.url, region);
  article.title = !meta.title.empty() ? meta.title : hints.title;
  article.authors = meta.authors;
  // The page's weaker evidence (a date in its URL, its last update) still beats what the server says.
  SetPublished(&article, {{meta.published, "page"},
                          {hints.published, "feed"},
                          {meta.published_fallback, "page"},
                          {hints.served, hints.served_source}});
  article.modified = meta.modified;
  article.canonical_url = meta.canonical_url;
  article.site_name = meta.site_name;
  article.description = meta.description;
  article.text = RepairDoubleEncoded(extractor.Text(article.title, article.description));
  article.title = RepairDoubleEncoded(std::move(article.title));
  article.dateline = ParseDateline(article.text, article.published);
  article.language = DetectLanguage(article.text, meta.declared_language);
  article.kind = JudgePage(article, page, page_text_length);
  return article;
}

Article ArticleFromText(std::string_view text_utf8, const ExtractHints& hints) {
  Article article;
  article.url = hints.url;
  article.text = SanitizeUtf8(text_utf8);  // verbatim otherwise: callers align offsets with their input
  PageMetadata head = ReadTextMetadata(article.text);
  article.title = !hints.title.empty() ? hints.title : head.title;
  SetPublished(&article, {{hints.published, "feed"}, {head.published, "page"}, {hints.served, hints.served_source}});
  article.modified = head.modified;
  article.authors = head.authors;
  article.dateline = ParseDateline(article.text, article.published);
  article.language = DetectLanguage(article.text, "");
  if (CollapsedLength(article.text) == 0) article.kind = PageKind::kEmpty;
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
