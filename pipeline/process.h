// Process: one fetched document → article, mentions and events. The one path shared by ingest, import and
// reprocess, so that all three give the same result for the same bytes.
#pragma once

#include <string>
#include <vector>

#include "extractors/article.h"
#include "extractors/event.h"
#include "extractors/mention.h"
#include "extractors/status.h"
#include "extractors/tag/taggers.h"
#include "pipeline/document.h"

namespace tradewire {

struct ProcessedDocument {
  Article article;
  Mentions mentions;
  std::vector<Event> events;
  std::string charset;  // what the raw bytes were decoded as
  Status status;        // not OK only when processing failed unexpectedly; the message names the URL
};

ProcessedDocument ProcessDocument(const FetchedDocument& document, const Taggers& taggers);

}  // namespace tradewire
