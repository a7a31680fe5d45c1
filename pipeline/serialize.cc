#include "pipeline/serialize.h"

namespace tradewire {
namespace {

nlohmann::json OrNull(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

}  // namespace

nlohmann::json MentionToJson(const Mention& mention) {
  return {{"type", mention.type},
          {"start", mention.start},
          {"end", mention.end},
          {"text", mention.text},
          {"value", mention.value}};
}

nlohmann::json EventToJson(const Event& event) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const Evidence& e : event.evidence) evidence.push_back({{"start", e.start}, {"end", e.end}, {"text", e.text}});
  return {{"kind", event.kind},
          {"start_date", OrNull(event.start_date)},
          {"end_date", OrNull(event.end_date)},
          {"place", OrNull(event.place)},
          {"participants", event.participants},
          {"attributes", event.attributes.is_null() ? nlohmann::json::object() : event.attributes},
          {"evidence", evidence}};
}

nlohmann::json ArticleToJson(const Article& article) {
  nlohmann::json dateline;
  if (article.dateline) {
    dateline = {{"place", article.dateline->place},
                {"date", OrNull(article.dateline->date)},
                {"agency", OrNull(article.dateline->agency)}};
  }
  return {{"url", OrNull(article.url)},
          {"canonical_url", OrNull(article.canonical_url)},
          {"kind", PageKindName(article.kind)},
          {"title", OrNull(article.title)},
          {"authors", article.authors},
          {"published", OrNull(article.published)},
          {"modified", OrNull(article.modified)},
          {"dateline", dateline},
          {"language", OrNull(article.language)},
          {"site_name", OrNull(article.site_name)},
          {"description", OrNull(article.description)},
          {"text", article.text}};
}

}  // namespace tradewire
