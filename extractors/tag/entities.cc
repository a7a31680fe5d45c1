#include "extractors/tag/families.h"

namespace tradewire {
namespace {

class Placeholder final : public TaggerFamily {
 public:
  void Tag(const TagContext&, Mentions*) const override {}
};

}  // namespace

StatusOr<std::unique_ptr<TaggerFamily>> MakeEntityTagger(const DataFiles&) { return std::unique_ptr<TaggerFamily>(new Placeholder); }

}  // namespace tradewire
