#include "tests/support/pages.h"

namespace tradewire::testing {

const char* const kTariffTalksPage =
    "<html><head><title>Seoul and Washington end second round of tariff talks</title></head><body><article>"
    "<p>South Korea and the United States ended the second round of technical talks on tariffs in Washington on "
    "Thursday, the trade ministry said, and agreed to meet again before the July deadline set by the reciprocal "
    "tariff grace period.</p>"
    "<p>The Korean delegation, led by a director general of the trade ministry, discussed non-tariff barriers "
    "raised in the National Trade Estimate report, including network usage fees, beef import rules and the "
    "screen quota for films, officials said after the meeting.</p>"
    "<p>The two sides did not set a date for the third round. The ministry said it would prepare a package of "
    "proposals on energy purchases, shipbuilding cooperation and currency policy before the next meeting, and "
    "would consult domestic industries on the effects of a 25 percent tariff on automobiles.</p>"
    "</article></body></html>";

}  // namespace tradewire::testing
