#include "extractors/html/metadata/zone.h"

#include <algorithm>
#include <string>

#include "extractors/html/dom.h"
#include "extractors/html/page.h"

namespace tradewire::metadata {

ArticleZone::ArticleZone(const PageIndex& page, const ContentRegion& region, int32_t headline)
    : page_(page), region_(region), anchor_(headline >= 0 ? headline : region.root) {
  int32_t body = page.body();
  end_ = region.root >= 0 ? std::min(page.size(), page[region.root].end + 200) : page.size();
  start_ = region.root >= 0 ? std::max(body, page[region.root].parent) : body;
  if (anchor_ >= 0) {
    int32_t block = anchor_;
    for (int level = 0; level < 2 && page[block].parent >= body; ++level) block = page[block].parent;
    start_ = std::max(body, std::min({start_, block, anchor_ - 120}));
  }
}

bool ArticleZone::IsForeignArticle(int32_t a) const {
  auto holds = [&](int32_t j) { return j >= a && j < page_[a].end; };
  return page_[a].tag == GUMBO_TAG_ARTICLE && !(anchor_ >= 0 && holds(anchor_)) &&
         !(region_.root >= 0 && holds(region_.root)) && !(region_.core >= 0 && holds(region_.core));
}

// The look down is bounded, the element's text being short.
bool ArticleZone::InAnotherStory(int32_t i) const {
  for (int32_t up = page_[i].parent; up >= 0; up = page_[up].parent) {
    if (page_[up].tag == GUMBO_TAG_ARTICLE) return IsForeignArticle(up);
  }
  for (int32_t j = i; j < std::min(page_[i].end, i + 200); ++j) {
    if (IsForeignArticle(j)) return true;
  }
  return false;
}

bool ArticleZone::InArticlesOwn(int32_t i) const {
  for (int32_t up = page_[i].parent; up >= 0; up = page_[up].parent) {
    if (page_[up].tag == GUMBO_TAG_ARTICLE) return !IsForeignArticle(up);
  }
  return false;
}

bool InFurniture(const PageIndex& page, int32_t i, bool near_article) {
  for (int32_t up = page[i].parent; up >= 0; up = page[up].parent) {
    const PageNode& a = page[up];
    if (a.tag == GUMBO_TAG_NAV) return true;
    if (!near_article && (a.tag == GUMBO_TAG_FOOTER || a.tag == GUMBO_TAG_ASIDE)) return true;
    if (a.removed) {
      std::string hints = ClassAndId(a.node);
      if (hints.find("related") != std::string::npos || hints.find("comment") != std::string::npos ||
          hints.find("sidebar") != std::string::npos || hints.find("recommend") != std::string::npos ||
          (!near_article && (hints.find("footer") != std::string::npos || hints.find("nav") != std::string::npos))) {
        return true;
      }
    }
  }
  return false;
}

bool IsBlankText(const PageIndex& page, int32_t i) {
  return page[i].is_text && CollapsedLength(page[i].node->v.text.text) == 0;
}

int32_t NextSibling(const PageIndex& page, int32_t i) {
  int32_t parent_end = page[page[i].parent].end;
  for (int32_t j = page[i].end; j < parent_end; j = page[j].end) {
    if (!IsBlankText(page, j)) return j;
  }
  return -1;
}

}  // namespace tradewire::metadata
