#include "extractors/tag/taggers.h"

namespace tradewire {

struct Taggers::Impl {};

StatusOr<Taggers> Taggers::Create(const DataFiles& /*files*/) { return Taggers(std::make_unique<const Impl>()); }

Mentions Taggers::Tag(const Article& /*article*/, std::string_view /*fallback_anchor*/) const { return {}; }

Taggers::Taggers(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Taggers::Taggers(Taggers&&) noexcept = default;
Taggers& Taggers::operator=(Taggers&&) noexcept = default;
Taggers::~Taggers() = default;

}  // namespace tradewire
