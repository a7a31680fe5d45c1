#include "pipeline/report/html.h"

namespace tradewire {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string HtmlHref(std::string_view url) {
  for (std::string_view scheme : {"http://", "https://", "file://"}) {
    if (url.size() >= scheme.size()) {
      bool same = true;
      for (std::size_t i = 0; i < scheme.size() && same; ++i) {
        same = (url[i] | 0x20) == scheme[i] || url[i] == scheme[i];
      }
      if (same) return HtmlEscape(url);
    }
  }
  return "#";
}

}  // namespace tradewire
