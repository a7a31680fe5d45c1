// What is done to a page's bytes before Gumbo parses them. Pure. Internal to extractors/html.
#pragma once

#include <string>
#include <string_view>

namespace tradewire {

// Input that is not text at all (an image, an archive, random bytes): many invalid UTF-8 sequences, control
// characters, replacement or private-use characters near the start. A page with a few broken bytes is not.
bool LooksBinary(std::string_view html);

// The markup with start and end tags nested past a few hundred levels dropped (their text stays) and attributes
// past a few hundred per tag dropped, which keep Gumbo's time and stack bounded. Returns `html` itself in the
// common case, else a view of *storage.
std::string_view BoundMarkup(std::string_view html, std::string* storage);

// React's streaming server rendering sends parts of a page late, each in a <div hidden id="S:x"> at the end of
// the body, and a script moves each to its place, a <template id="B:x"> (with a "Loading…" fallback after it) or
// <template id="P:x">. Saved pages keep the parts but seldom the scripts; this makes the moves, so the article is
// whole and in order. Returns `html` itself when there is nothing to move, else a view of *storage.
std::string_view PlaceStreamedParts(std::string_view html, std::string* storage);

}  // namespace tradewire
