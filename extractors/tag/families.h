// Factories of the tagger families. Each returns InvalidArgument naming the data file and entry on bad data.
#pragma once

#include <memory>

#include "extractors/status.h"
#include "extractors/tag/tagger_family.h"
#include "extractors/tag/taggers.h"

namespace tradewire {

StatusOr<std::unique_ptr<TaggerFamily>> MakeDateTagger(const DataFiles& files);        // dates.cc
StatusOr<std::unique_ptr<TaggerFamily>> MakeEntityTagger(const DataFiles& files);      // entities.cc: officials,
                                                                                       // percentages, barriers,
                                                                                       // countries, organizations,
                                                                                       // money, products

}  // namespace tradewire
