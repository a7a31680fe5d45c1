// Where on a page the article's own headline, byline and dates stand, and what is someone else's: navigation,
// the site's footer, another story's teaser. Internal to extractors/html/metadata.
#pragma once

#include <cstdint>

#include "extractors/html/metadata.h"

namespace tradewire {
class PageIndex;
}

namespace tradewire::metadata {

// Bylines and dates are looked for in a zone around the headline and the body container: from the headline's
// block (its grandparent: dates and bylines sit just above or below it) and what stands just above it, or the
// body container's parent when the headline is inside it or unknown, up to a little past the container (a date
// line under the text). A page without either is searched whole.
class ArticleZone {
 public:
  // `headline`: the <h1> chosen as the title, -1 when none.
  ArticleZone(const PageIndex& page, const ContentRegion& region, int32_t headline);

  int32_t start() const { return start_; }
  int32_t end() const { return end_; }
  // The headline, else the body's root: what "before" and "after" the headline are measured from.
  int32_t anchor() const { return anchor_; }
  const ContentRegion& region() const { return region_; }
  bool Contains(int32_t i) const { return i >= start_ && i < end_; }
  // Inside the nearest <article> above it when that is not the headline's, or holding such an <article> (a short
  // list of cards): another story's date or byline.
  bool InAnotherStory(int32_t i) const;
  // Inside the headline's own <article> (whose <footer> or <aside> holds its byline and dates).
  bool InArticlesOwn(int32_t i) const;

 private:
  bool IsForeignArticle(int32_t a) const;

  const PageIndex& page_;
  ContentRegion region_;
  int32_t anchor_, start_, end_;
};

// Elements cut as navigation or as another story's teaser are not this article's. Near the article an <aside> or
// <footer> holds its own metadata ("Posted on …"); elsewhere they are the site's.
bool InFurniture(const PageIndex& page, int32_t i, bool near_article = false);

bool IsBlankText(const PageIndex& page, int32_t i);
// The sibling after the node at i, white space aside; -1 when none.
int32_t NextSibling(const PageIndex& page, int32_t i);

}  // namespace tradewire::metadata
