// The entity family: officials, percentages, barrier categories, countries, organizations, money and products.
// Each kind lives in its own file; this one builds them from the data files and runs them in the order their
// dependencies need (percentages read the country and product hits; officials read the organization hits).
#include <memory>

#include "extractors/tag/barriers.h"
#include "extractors/tag/families.h"
#include "extractors/tag/gazetteer.h"
#include "extractors/tag/money.h"
#include "extractors/tag/officials.h"
#include "extractors/tag/percentages.h"
#include "extractors/tag/start_filter.h"
#include "extractors/tag/text_index.h"

namespace tradewire {
namespace {

// The phrase sets of the one StartFilter pass that tells every phrase matcher where to look.
enum StartSet { kCountries, kOrganizations, kProducts, kOfficialNames, kTitles, kFigures, kAmounts };

class EntityTagger final : public TaggerFamily {
 public:
  EntityTagger(Gazetteer countries, Gazetteer organizations, Gazetteer products, OfficialTagger officials,
               PercentageTagger percentages, BarrierTagger barriers, MoneyTagger money)
      : countries_(std::move(countries)),
        organizations_(std::move(organizations)),
        products_(std::move(products)),
        officials_(std::move(officials)),
        percentages_(std::move(percentages)),
        barriers_(std::move(barriers)),
        money_(std::move(money)) {
    countries_.AddStarts(&starts_, kCountries);
    organizations_.AddStarts(&starts_, kOrganizations);
    products_.AddStarts(&starts_, kProducts);
    officials_.AddStarts(&starts_, kOfficialNames, kTitles);
    percentages_.AddStarts(&starts_, kFigures);
    money_.AddStarts(&starts_, kAmounts);
  }

  void Tag(const TagContext& context, Mentions* out) const override {
    std::string_view text = context.text;
    // Where words begin, then where each set of phrases may begin: two passes, shared by every matcher below.
    const TextIndex index(text);
    StartFilter::Candidates starts;
    starts_.Find(index, &starts);
    std::vector<Gazetteer::Hit> countries = countries_.Find(text, starts[kCountries]);
    std::vector<Gazetteer::Hit> organizations = organizations_.Find(text, starts[kOrganizations]);
    std::vector<Gazetteer::Hit> products = products_.Find(text, starts[kProducts]);
    for (const Gazetteer::Hit& hit : countries) out->push_back(countries_.ToMention(text, hit));
    for (const Gazetteer::Hit& hit : organizations) out->push_back(organizations_.ToMention(text, hit));
    for (const Gazetteer::Hit& hit : products) out->push_back(products_.ToMention(text, hit));
    officials_.Tag(text, starts[kOfficialNames], starts[kTitles], organizations, out);
    percentages_.Tag(text, starts[kFigures], countries, products, out);
    barriers_.Tag(text, out);
    money_.Tag(index, starts[kAmounts], out);
  }

 private:
  Gazetteer countries_;
  Gazetteer organizations_;
  Gazetteer products_;
  OfficialTagger officials_;
  PercentageTagger percentages_;
  BarrierTagger barriers_;
  MoneyTagger money_;
  StartFilter starts_;
};

}  // namespace

StatusOr<std::unique_ptr<TaggerFamily>> MakeEntityTagger(const DataFiles& files) {
  StatusOr<Gazetteer> countries =
      Gazetteer::Load(files, {"gazetteers/countries.json", "countries", "code", "country", {"code"}});
  if (!countries.ok()) return countries.status();
  StatusOr<Gazetteer> organizations =
      Gazetteer::Load(files, {"gazetteers/organizations.json", "organizations", "id", "organization", {"id", "name"}});
  if (!organizations.ok()) return organizations.status();
  StatusOr<Gazetteer> products =
      Gazetteer::Load(files, {"gazetteers/products.json", "products", "id", "product", {"id", "name"}});
  if (!products.ok()) return products.status();
  StatusOr<OfficialTagger> officials = OfficialTagger::Create(files, *organizations);
  if (!officials.ok()) return officials.status();
  StatusOr<PercentageTagger> percentages = PercentageTagger::Create(files);
  if (!percentages.ok()) return percentages.status();
  StatusOr<BarrierTagger> barriers = BarrierTagger::Create(files);
  if (!barriers.ok()) return barriers.status();
  StatusOr<MoneyTagger> money = MoneyTagger::Create();
  if (!money.ok()) return money.status();
  return std::unique_ptr<TaggerFamily>(std::make_unique<EntityTagger>(
      std::move(countries).value(), std::move(organizations).value(), std::move(products).value(),
      std::move(officials).value(), std::move(percentages).value(), std::move(barriers).value(),
      std::move(money).value()));
}

}  // namespace tradewire
