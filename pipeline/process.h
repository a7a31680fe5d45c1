// DocumentProcessor: one fetched document → article, mentions and events. The one path shared by ingest, import,
// reprocess and extract, so that all of them give the same result for the same bytes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "extractors/article.h"
#include "extractors/dedup/fingerprint.h"
#include "extractors/event.h"
#include "extractors/events/events.h"
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
  // Of article.text, for the store's deduplication; computed on the worker threads so that the store's one
  // writer thread does not have to.
  std::string content_hash;
  NearDupFingerprint fingerprint;
  Status status;        // not OK only when processing failed unexpectedly; the message names the URL
};

// Fills content_hash and fingerprint from article.text. DocumentProcessor does; so must anyone who builds a
// ProcessedDocument by hand for the store.
void FingerprintArticle(ProcessedDocument* processed);

// What made a document's results, as the store records it: the extractor version (extractors/version.h) and a
// digest of the data files the taggers were built from, "1+3f2a9c0d1e4b".
std::string ProcessorVersion(const DataFiles& files);

// Immutable once built; share one between threads.
class DocumentProcessor {
 public:
  // Builds the taggers and the event extractor from the data files under schemas/ (pipeline/data_files.h).
  static StatusOr<DocumentProcessor> Create(const DataFiles& files);
  // Reads <schemas_dir>/gazetteers and <schemas_dir>/taxonomy, then Create()s.
  static StatusOr<DocumentProcessor> Load(const std::string& schemas_dir);

  // Decode → extract → tag → events. Never throws; a page that is not an article yields no mentions.
  ProcessedDocument Process(const FetchedDocument& document) const;
  // For plain-text input (`extract --text`): the text is the body, kept verbatim.
  ProcessedDocument ProcessText(std::string_view text, const ExtractHints& hints) const;

  // What made the results: the extractor version and a digest of the data files. Stored with every row, so
  // that reprocess knows which rows are stale after an upgrade or an analyst's gazetteer edit.
  const std::string& version() const { return version_; }

 private:
  DocumentProcessor(Taggers taggers, EventExtractor events, std::string version);
  std::shared_ptr<const Taggers> taggers_;
  EventExtractor events_;
  std::string version_;
};

}  // namespace tradewire
