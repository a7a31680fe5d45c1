// Event extraction: one article's text and mentions in, the events it reports out. Pure.
//
// Rule-based over sentences. Event kinds and their attributes (Event::attributes):
//  - "meeting": a meeting or negotiation round. {"round": 2, "level": "technical", "topics": [barrier
//    categories of the article]}; place from schemas/gazetteers/places.json; start/end from the date mentions of
//    the sentence (or an adjacent one); participants = official ids of the sentences that report it.
//  - "report_release": {"report": "NTE", "year": 2025}; start = end = the release date when the sentence gives one
//    to the release verb (a date across another verb is another event's). A participle citing the report ("the NTE
//    Report published by USTR") without a date of its own is no release.
//  - "tariff_action": {"rate": 25, "products": [product ids], "country": "KR"}; start = end = the effective date
//    (a date after one of the "effective_words": "beginning 7 February"), else the date nearest the verb.
//  - "deadline": {}; start = end = the date.
// Evidence: the sentences (code-point offsets into Article::text, as in Mention). Sentences of one article that
// report the same event (the lead, then "The talks, led by …") give one Event.
#pragma once

#include <memory>
#include <vector>

#include "extractors/article.h"
#include "extractors/event.h"
#include "extractors/mention.h"
#include "extractors/status.h"
#include "extractors/tag/taggers.h"

namespace tradewire {

class EventExtractor {
 public:
  // Built from "gazetteers/places.json", "taxonomy/events.json" and the abbreviations of
  // "taxonomy/language.json" in `files`. InvalidArgument naming the file and entry when one is malformed; a
  // missing file leaves its part empty (no places, or no event words: no events).
  static StatusOr<EventExtractor> Create(const DataFiles& files);

  // Immutable once built: safe to share between threads.
  std::vector<Event> Extract(const Article& article, const Mentions& mentions) const;

 private:
  struct Impl;
  explicit EventExtractor(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace tradewire
