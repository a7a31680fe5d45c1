// Article extraction: UTF-8 HTML in, Article out. Pure: no I/O, no global state, safe to call from any thread.
#pragma once

#include <string_view>

#include "extractors/article.h"

namespace tradewire {

// Finds the main content, title, authors, dates, dateline, language and metadata of one page.
// Never fails: a page with nothing to extract yields an Article whose kind says so.
// Bounded in time and memory for any input (huge, deeply nested, binary).
Article ExtractArticle(std::string_view html_utf8, const ExtractHints& hints);

// For `tradewire extract --text`: the input is already plain text (paragraphs separated by blank lines).
Article ArticleFromText(std::string_view text_utf8, const ExtractHints& hints);

}  // namespace tradewire
