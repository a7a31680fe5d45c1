// Comparison keys and word counts the metadata reader's steps share. Internal to extractors/html/metadata.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tradewire::metadata {

bool StartsWithNoCase(std::string_view s, std::string_view prefix);
// A comparison key for titles and names: ASCII lower-cased, typographic quotes and dashes made plain, white
// space collapsed.
std::string Key(std::string_view text);
// Letters and digits only, lower-cased: "APNIC Blog" and "apnic-blog" compare equal.
std::string Squeezed(std::string_view text);
// A month or weekday name, whole or abbreviated ("Sat", "Dec.", "September"), and nothing else.
bool IsCalendarWord(std::string_view word);
// Letters all upper case, and enough of them to tell ("US", "AI" are not a headline in capitals).
bool IsAllCaps(std::string_view text);
int WordCount(std::string_view text);
// The words two texts must share to be about the same thing: lower-cased, three letters or more, not the commonest
// function words. Sorted and unique.
std::vector<std::string> ContentWords(std::string_view text);
int SharedWords(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace tradewire::metadata
