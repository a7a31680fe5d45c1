#include "pipeline/process.h"

#include <curl/curl.h>

#include <cstdio>
#include <ctime>

#include "extractors/dedup/fingerprint.h"
#include "extractors/html/charset.h"
#include "extractors/html/extract.h"
#include "extractors/version.h"
#include "pipeline/data_files.h"
#include "pipeline/fetch/ledger.h"

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

namespace {

// Seconds since the epoch of an ISO 8601 UTC time as the ledger writes it ("2025-05-20T07:58:00Z"); -1 otherwise.
std::time_t ParseIsoUtc(const std::string& iso) {
  std::tm tm{};
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec) != 6) {
    return -1;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

// The date of last resort: HTTP Last-Modified, else the WARC-Date of an archived record. A Last-Modified within a
// minute of the fetch is the server's clock when asked (pages made on request), which says nothing of the page.
void SetServedDate(const FetchedDocument& document, ExtractHints* hints) {
  constexpr double kRequestClockS = 60;
  std::time_t modified = document.last_modified.empty() ? -1 : curl_getdate(document.last_modified.c_str(), nullptr);
  std::time_t fetched = ParseIsoUtc(document.fetched_at);
  if (modified > 0 && (fetched < 0 || std::difftime(fetched, modified) >= kRequestClockS)) {
    hints->served = IsoUtc(modified);
    hints->served_source = "http";
  } else if (std::time_t archived = ParseIsoUtc(document.warc_date); archived >= 0) {
    hints->served = IsoUtc(archived);
    hints->served_source = "warc";
  }
}

}  // namespace

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
    SetServedDate(document, &hints);
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
