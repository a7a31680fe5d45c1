// Internal interface of the tagger families (dates, officials, percentages, barriers, entities) that
// Taggers combines. Not part of the extractors' public surface: callers use extractors/tag/taggers.h.
#pragma once

#include <string>
#include <string_view>

#include "extractors/mention.h"

namespace tradewire {

struct TagContext {
  std::string_view text;    // the article body, UTF-8
  std::string anchor;       // ISO day that relative dates resolve against; may be empty
  std::string_view title;   // the article's title (context only; offsets are never into it)
};

// Each family appends its mentions to `out` with Mention::start/end as BYTE offsets into context.text;
// Taggers converts them to character offsets once, at the end.
class TaggerFamily {
 public:
  virtual ~TaggerFamily() = default;
  virtual void Tag(const TagContext& context, Mentions* out) const = 0;
};

}  // namespace tradewire
