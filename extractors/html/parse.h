// Gumbo's parse, bounded. Internal to extractors/html.
//
// The tree lives in an arena that is released at once: Gumbo's own gumbo_destroy_output recurses once per level
// of the tree and overflows the stack on a deep one, whatever bound the markup was given before. The arena also
// counts what Gumbo asks for and watches the clock, so a page that needs more memory or time than its budget is
// an error naming what it exceeded, never an abort or a stalled run.
#pragma once

#include <memory>
#include <string_view>

#include <gumbo.h>

#include "extractors/html/extract.h"
#include "extractors/status.h"

namespace tradewire {

class ParsedHtml {
 public:
  // The markup as an HTML5 tree, or ResourceExhausted naming the budget that ran out.
  static StatusOr<ParsedHtml> Parse(std::string_view html, const ParseBudget& budget);

  ParsedHtml(ParsedHtml&&) noexcept;
  ParsedHtml& operator=(ParsedHtml&&) noexcept;
  ~ParsedHtml();

  const GumboNode* root() const;

  struct Arena;  // defined in parse.cc

 private:
  explicit ParsedHtml(std::unique_ptr<Arena> arena);
  std::unique_ptr<Arena> arena_;
};

}  // namespace tradewire
