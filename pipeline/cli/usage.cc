#include "pipeline/cli/usage.h"

#include <algorithm>
#include <charconv>

#include "extractors/text/calendar.h"
#include "extractors/text/edit_distance.h"

namespace tradewire {
namespace {

std::string RangeName(std::int64_t least, std::int64_t most) {
  if (most >= std::numeric_limits<int>::max()) {  // bounded only by the type
    if (least == 0) return "NONNEGATIVE";
    if (least == 1) return "POSITIVE";
    return ">=" + std::to_string(least);
  }
  return "[" + std::to_string(least) + ".." + std::to_string(most) + "]";
}

// The option `name` stands for on the command line of `command`: one of its own or, since options fall through
// to the parent, of the commands above it.
const CLI::Option* FindOption(const CLI::App& command, const std::string& name) {
  for (const CLI::App* app = &command; app; app = app->get_parent()) {
    if (const CLI::Option* option = app->get_option_no_throw(name)) return option;
  }
  return nullptr;
}

// Every long option name the command line of `command` accepts.
std::vector<std::string> OptionNames(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* app = &command; app; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    }
  }
  return names;
}

std::vector<const CLI::App*> Commands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
}

std::vector<std::string> CommandNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : Commands(app)) names.push_back(sub->get_name());
  return names;
}

std::string_view WithoutDashes(std::string_view name) {
  const std::size_t start = name.find_first_not_of('-');
  return start == std::string_view::npos ? std::string_view() : name.substr(start);
}

std::string DidYouMean(std::string_view typed, const std::vector<std::string>& known) {
  std::string nearest = NearestName(typed, known);
  return nearest.empty() ? "" : "; did you mean '" + nearest + "'?";
}

std::string CommandPath(const CLI::App& command) {
  std::string path = command.get_name();
  for (const CLI::App* app = command.get_parent(); app; app = app->get_parent()) path = app->get_name() + " " + path;
  return path;
}

// "; it is an option of 'tradewire ingest'" when another command of `root` has the option.
std::string OwnerOf(const std::string& option, const CLI::App& root) {
  std::string owners;
  for (const CLI::App* sub : Commands(root)) {
    if (!sub->get_option_no_throw(option)) continue;
    owners += std::string(owners.empty() ? "" : ", ") + "'" + CommandPath(*sub) + "'";
  }
  return owners.empty() ? "" : "; it is an option of " + owners;
}

}  // namespace

CLI::Validator WholeNumber(std::int64_t least, std::int64_t most) {
  return CLI::Validator(
      [least, most](std::string& text) -> std::string {
        std::int64_t value = 0;
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        const bool digits_only = end == text.data() + text.size() && !text.empty();
        if (error == std::errc::result_out_of_range && digits_only) {
          return text + " is " + (text[0] == '-' ? "less than " + std::to_string(least)
                                                 : "more than " + std::to_string(most));
        }
        if (error != std::errc() || !digits_only) return "'" + text + "' is not a whole number";
        if (value < least) return text + " is less than " + std::to_string(least);
        if (value > most) return text + " is more than " + std::to_string(most);
        return "";
      },
      RangeName(least, most));
}

CLI::Validator OneOf(std::vector<std::string> names) {
  std::string listed, braced;
  for (const std::string& name : names) {
    listed += (listed.empty() ? "" : ", ") + name;
    braced += (braced.empty() ? "{" : ",") + name;
  }
  return CLI::Validator(
      [names, listed](std::string& text) -> std::string {
        if (std::find(names.begin(), names.end(), text) != names.end()) return "";
        return "'" + text + "' is not one of " + listed + DidYouMean(text, names);
      },
      braced + "}");
}

CLI::Validator IsoDate() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (IsIsoDateTime(text)) return "";
        return "'" + text + "' is not a date; expected an ISO date like 2025-05-20 (or 2025-05-20T09:00:00+09:00)";
      },
      "");
}

CLI::Validator ExistingPathOrStdin() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        std::error_code ec;
        if (text == "-" || std::filesystem::exists(text, ec)) return "";
        return "'" + text + "': no such file or folder";
      },
      "PATH");
}

std::string NearestName(std::string_view typed, const std::vector<std::string>& known) {
  const std::string_view word = WithoutDashes(typed);
  if (word.empty()) return "";
  std::string nearest, only_extension;
  std::size_t best = std::string_view::npos;
  int extensions = 0;
  for (const std::string& name : known) {
    const std::string_view candidate = WithoutDashes(name);
    // A third of the name's letters may be wrong (at least one): 'exprot' is 'export', 'xy' is not 'db'.
    const std::size_t allowed = std::max<std::size_t>(1, candidate.size() / 3);
    const std::size_t distance = EditDistance(word, candidate);
    if (distance <= allowed && distance < best) {
      best = distance;
      nearest = name;
    }
    if (word.size() >= 2 && candidate.size() > word.size() && candidate.substr(0, word.size()) == word) {
      ++extensions;
      only_extension = name;
    }
  }
  if (!nearest.empty()) return nearest;
  return extensions == 1 ? only_extension : "";
}

std::string UnknownNameError(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* command = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string token = argv[i];
    if (token == "--") break;  // what follows is operands, whatever they look like
    if (token.size() > 2 && token.compare(0, 2, "--") == 0) {
      const std::string name = token.substr(0, token.find('='));
      const CLI::Option* option = FindOption(*command, name);
      if (!option) {
        std::string hint = DidYouMean(name, OptionNames(*command));
        if (hint.empty()) hint = OwnerOf(name, app);
        return "unknown option '" + name + "' for '" + CommandPath(*command) + "'" + hint;
      }
      if (name.size() == token.size() && option->get_items_expected_min() > 0) ++i;  // its value follows
      continue;
    }
    if (token.empty() || token[0] == '-') continue;  // a short flag, a negative number, '-' for stdin
    const std::vector<const CLI::App*> commands = Commands(*command);
    if (commands.empty()) continue;  // an operand of the command
    const CLI::App* sub = nullptr;
    for (const CLI::App* candidate : commands) {
      if (candidate->get_name() == token) sub = candidate;
    }
    if (!sub) return "unknown command '" + token + "'" + DidYouMean(token, CommandNames(*command));
    command = sub;
  }
  return "";
}

}  // namespace tradewire
