// Article pages the end-to-end tests serve and import: long enough to be read as articles, about trade talks so
// the taggers find something in them.
#pragma once

namespace tradewire::testing {

// A news article (title, three paragraphs) on Korea-US tariff talks held "on Thursday".
extern const char* const kTariffTalksPage;

}  // namespace tradewire::testing
