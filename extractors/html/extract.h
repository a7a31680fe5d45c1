// Article extraction: UTF-8 HTML in, Article out. Pure: no I/O, no global state, safe to call from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

#include "extractors/article.h"
#include "extractors/status.h"

namespace tradewire {

// What parsing one page may cost. Real pages need a few MB and milliseconds; the defaults leave room for the
// largest of them and stop what only an attack or a broken generator makes.
struct ParseBudget {
  std::size_t max_bytes = std::size_t{512} << 20;  // memory the HTML parser may allocate for the tree
  std::chrono::milliseconds max_time{20000};       // wall time the parse may take
};

// Finds the main content, title, authors, dates, dateline, language and metadata of one page. A page with nothing
// to extract yields an Article whose kind says so; the only failure is a page that exceeds the budget
// (ResourceExhausted, saying which). Bounded in time and memory for any input (huge, deeply nested, binary).
StatusOr<Article> ExtractArticle(std::string_view html_utf8, const ExtractHints& hints,
                                 const ParseBudget& budget = {});

// For `tradewire extract --text`: the input is already plain text (paragraphs separated by blank lines).
Article ArticleFromText(std::string_view text_utf8, const ExtractHints& hints);

}  // namespace tradewire
