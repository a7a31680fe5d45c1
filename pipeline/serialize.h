// JSON shapes of Article, Mention and Event, as printed by `extract` and `export` (schemas/export.schema.json),
// and of one extracted document, which `import --jsonl` reads back.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "extractors/article.h"
#include "extractors/event.h"
#include "extractors/mention.h"
#include "extractors/status.h"
#include "pipeline/document.h"
#include "pipeline/process.h"

namespace tradewire {

nlohmann::json MentionToJson(const Mention& mention);
nlohmann::json EventToJson(const Event& event);
// The article's fields (url, title, authors, published, dateline, language, text, …); mentions are added by
// the caller when it wants them.
nlohmann::json ArticleToJson(const Article& article);

// One row of `tradewire extract` (schemas/export.schema.json, $defs/extracted): the article's fields, its
// mentions and events, the charset and the processor version. With `with_document`, also the raw document
// (`document`: its headers and dates, the body in base64), so that the row can be stored as it is.
nlohmann::json ExtractedToJson(const FetchedDocument& document, const ProcessedDocument& processed,
                               std::string_view processor_version, bool with_document);

// A row of `extract --warc` read back for the store: fingerprints recomputed, every offset checked against the
// text. InvalidArgument naming the field when the row is not one (a missing field, a wrong type, an offset
// past the text, a body that is not base64).
struct ExtractedRow {
  FetchedDocument document;
  ProcessedDocument processed;
  std::string processor_version;
};
StatusOr<ExtractedRow> ExtractedFromJson(const nlohmann::json& row);

}  // namespace tradewire
