// Event extraction: one article's text and mentions in, the events it reports out. Pure.
#pragma once

#include <vector>

#include "extractors/article.h"
#include "extractors/event.h"
#include "extractors/mention.h"

namespace tradewire {

std::vector<Event> ExtractEvents(const Article& article, const Mentions& mentions);

}  // namespace tradewire
