// What the command line accepts, checked with messages a user can act on: values validated with their range
// written readably, and a mistyped command or option answered with the nearest known one.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace tradewire {

// A whole number from `least` to `most`: "--since: -1 is less than 0", "--limit: 'ten' is not a whole number".
CLI::Validator WholeNumber(std::int64_t least, std::int64_t most = std::numeric_limits<std::int64_t>::max());

// One of `names`: "--kind: 'article' is not one of articles, mentions, events, clusters; did you mean 'articles'?".
CLI::Validator OneOf(std::vector<std::string> names);

// A real ISO date, optionally with a time of day and zone: "2025-05-20", "2025-05-20T09:00:00+09:00".
CLI::Validator IsoDate();
// An existing file or folder, or '-' for standard input.
CLI::Validator ExistingPathOrStdin();

// Of `known`, the one `typed` most likely meant: close in spelling, or the only one it begins; empty when none.
std::string NearestName(std::string_view typed, const std::vector<std::string>& known);

// The error for the first command or option on the command line that `app` does not know ("unknown option
// '--sinse' for 'tradewire export'; did you mean '--since'?"); empty when every name is known. Checked before
// parsing, so that a typo is named rather than reported as a missing required option.
std::string UnknownNameError(const CLI::App& app, int argc, const char* const* argv);

}  // namespace tradewire
