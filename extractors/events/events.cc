#include "extractors/events/events.h"

namespace tradewire {

std::vector<Event> ExtractEvents(const Article& /*article*/, const Mentions& /*mentions*/) { return {}; }

}  // namespace tradewire
