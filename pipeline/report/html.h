// Writing HTML text safely: everything that comes from the store passes through HtmlEscape.
#pragma once

#include <string>
#include <string_view>

namespace tradewire {

// Text for element content and quoted attribute values: & < > " ' escaped.
std::string HtmlEscape(std::string_view text);

// A URL for an href: escaped as above, and only http, https and file URLs (anything else, such as a
// "javascript:" URL from a hostile page, becomes "#").
std::string HtmlHref(std::string_view url);

}  // namespace tradewire
