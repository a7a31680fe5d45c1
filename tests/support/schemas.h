// Copies of the bundled schemas folder as an analyst would edit them, for tests of reprocessing.
#pragma once

#include <string>

namespace tradewire::testing {

// Copies the checkout's schemas/ to `folder` with product `product_id` removed from the products gazetteer, and
// returns `folder`. Throws when the product is not there.
std::string SchemasWithoutProduct(const std::string& folder, const std::string& product_id);

// The processor version (extractor version + digest of the data files) `tradewire --version` reports for them.
std::string ProcessorVersionOf(const std::string& schemas);

}  // namespace tradewire::testing
