#include "pipeline/process.h"

#include "extractors/dedup/fingerprint.h"
#include "extractors/html/charset.h"
#include "extractors/html/extract.h"
#include "extractors/version.h"
#include "pipeline/data_files.h"

namespace tradewire {

DocumentProcessor::DocumentProcessor(Taggers taggers, EventExtractor events, std::string version)
    : taggers_(std::make_shared<const Taggers>(std::move(taggers))),
      events_(std::move(events)),
      version_(std::move(version)) {}

std::string ProcessorVersion(const DataFiles& files) {
  std::string all_data;
  for (const auto& [name, contents] : files) all_data += name + '\n' + contents + '\n';
  return std::string(kExtractorVersion) + "+" + ContentHash(all_data).substr(0, 12);
}

StatusOr<DocumentProcessor> DocumentProcessor::Create(const DataFiles& files) {
  StatusOr<Taggers> taggers = Taggers::Create(files);
  if (!taggers.ok()) return taggers.status();
  StatusOr<EventExtractor> events = EventExtractor::Create(files);
  if (!events.ok()) return events.status();
  return DocumentProcessor(std::move(taggers).value(), std::move(events).value(), ProcessorVersion(files));
}

StatusOr<DocumentProcessor> DocumentProcessor::Load(const std::string& schemas_dir) {
  StatusOr<DataFiles> files = LoadDataFiles(schemas_dir);
  if (!files.ok()) return files.status();
  return Create(*files);
}

void FingerprintArticle(ProcessedDocument* processed) {
  processed->content_hash = ContentHash(processed->article.text);
  processed->fingerprint = FingerprintText(processed->article.text);
}

ProcessedDocument DocumentProcessor::Process(const FetchedDocument& document) const {
  // The extractors promise not to throw; this is the last line of defence so that one pathological page
  // (or an allocation failure on it) is reported by name instead of ending a night's run.
  try {
    ProcessedDocument result;
    DecodedText decoded = DecodeToUtf8(document.body, document.content_type);
    result.charset = decoded.charset;
    ExtractHints hints;
    hints.url = document.final_url.empty() ? document.url : document.final_url;
    hints.published = document.date_hint;
    hints.title = document.title_hint;
    // A text/plain response is an article already: its lines are kept, not parsed as markup.
    if (MediaType(document.content_type) == "text/plain") {
      result.article = ArticleFromText(decoded.utf8, hints);
    } else {
      StatusOr<Article> article = ExtractArticle(decoded.utf8, hints);
      if (!article.ok()) {
        const std::string& why = article.status().message();  // `extract` names its input itself; no URL there
        result.status = Status::ResourceExhausted(document.url.empty() ? why : document.url + ": " + why);
        return result;
      }
      result.article = std::move(article).value();
    }
    if (result.article.kind != PageKind::kArticle) return result;
    result.mentions = taggers_->Tag(result.article, document.date_hint);
    result.events = events_.Extract(result.article, result.mentions);
    FingerprintArticle(&result);
    return result;
  } catch (const std::exception& e) {
    ProcessedDocument failed;
    failed.status = Status::Internal("processing " + document.url + " failed: " + e.what());
    return failed;
  }
}

ProcessedDocument DocumentProcessor::ProcessText(std::string_view text, const ExtractHints& hints) const {
  ProcessedDocument result;
  result.article = ArticleFromText(text, hints);
  result.mentions = taggers_->Tag(result.article, hints.published);
  result.events = events_.Extract(result.article, result.mentions);
  return result;
}

}  // namespace tradewire
