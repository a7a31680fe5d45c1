// JSON shapes of Article, Mention and Event, as printed by `extract` and `export` (schemas/export.schema.json).
#pragma once

#include <nlohmann/json.hpp>

#include "extractors/article.h"
#include "extractors/event.h"
#include "extractors/mention.h"

namespace tradewire {

nlohmann::json MentionToJson(const Mention& mention);
nlohmann::json EventToJson(const Event& event);
// The article's fields (url, title, authors, published, dateline, language, text, …); mentions are added by
// the caller when it wants them.
nlohmann::json ArticleToJson(const Article& article);

}  // namespace tradewire
