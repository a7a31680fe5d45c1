#include "pipeline/process.h"

#include "extractors/events/events.h"
#include "extractors/html/charset.h"
#include "extractors/html/extract.h"

namespace tradewire {

namespace {

ProcessedDocument Process(const FetchedDocument& document, const Taggers& taggers) {
  ProcessedDocument result;
  DecodedText decoded = DecodeToUtf8(document.body, document.content_type);
  result.charset = decoded.charset;
  ExtractHints hints;
  hints.url = document.final_url.empty() ? document.url : document.final_url;
  hints.published = document.date_hint;
  hints.title = document.title_hint;
  result.article = ExtractArticle(decoded.utf8, hints);
  if (result.article.kind != PageKind::kArticle) return result;
  result.mentions = taggers.Tag(result.article, document.date_hint);
  result.events = ExtractEvents(result.article, result.mentions);
  return result;
}

}  // namespace

ProcessedDocument ProcessDocument(const FetchedDocument& document, const Taggers& taggers) {
  // The extractors promise not to throw; this is the last line of defence so that one pathological page
  // (or an allocation failure on it) is reported by name instead of ending a night's run.
  try {
    return Process(document, taggers);
  } catch (const std::exception& e) {
    ProcessedDocument failed;
    failed.status = Status::Internal("processing " + document.url + " failed: " + e.what());
    return failed;
  }
}

}  // namespace tradewire
