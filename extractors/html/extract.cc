#include "extractors/html/extract.h"

namespace tradewire {

Article ExtractArticle(std::string_view html_utf8, const ExtractHints& hints) {
  Article article;
  article.url = hints.url;
  article.text = std::string(html_utf8);
  return article;
}

Article ArticleFromText(std::string_view text_utf8, const ExtractHints& hints) {
  Article article;
  article.url = hints.url;
  article.published = hints.published;
  article.title = hints.title;
  article.text = std::string(text_utf8);
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
