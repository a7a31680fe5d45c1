#include "pipeline/fetch/robots.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool Glob(std::string_view pattern, std::string_view path, bool anchored) {
  if (pattern.empty()) return !anchored || path.empty();
  if (pattern.front() == '*') {
    for (std::size_t i = 0; i <= path.size(); ++i) {
      if (Glob(pattern.substr(1), path.substr(i), anchored)) return true;
    }
    return false;
  }
  return !path.empty() && path.front() == pattern.front() && Glob(pattern.substr(1), path.substr(1), anchored);
}

// A robots.txt path pattern ('*' any run, a final '$' anchors at the end) against a path: a prefix match
// unless anchored.
bool Matches(std::string_view pattern, std::string_view path) {
  bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  return Glob(pattern, path, anchored);
}

}  // namespace

RobotsRules RobotsRules::Parse(std::string_view robots_txt, std::string_view user_agent) {
  // Our product token: "tradewire" of "tradewire/0.1 (…)".
  std::string token = AsciiLower(user_agent.substr(0, user_agent.find_first_of("/ ")));
  struct Group {
    std::vector<std::string> agents;
    std::vector<Rule> rules;
    double crawl_delay = 0;
  };
  std::vector<Group> groups;
  bool last_was_agent = false;
  std::istringstream lines{std::string(robots_txt)};
  for (std::string line; std::getline(lines, line);) {
    std::string_view content = line;
    content = content.substr(0, content.find('#'));
    std::size_t colon = content.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = AsciiLower(Trim(content.substr(0, colon)));
    std::string_view value = Trim(content.substr(colon + 1));
    if (key == "user-agent") {
      if (!last_was_agent || groups.empty()) groups.emplace_back();
      groups.back().agents.push_back(AsciiLower(value));
      last_was_agent = true;
      continue;
    }
    last_was_agent = false;
    if (groups.empty()) continue;
    if (key == "allow" || key == "disallow") {
      if (!value.empty()) groups.back().rules.push_back({std::string(value), key == "allow"});
    } else if (key == "crawl-delay") {
      try {
        groups.back().crawl_delay = std::stod(std::string(value));
      } catch (...) {
      }
    }
  }
  const Group* chosen = nullptr;
  for (const Group& group : groups) {
    for (const std::string& agent : group.agents) {
      if (!token.empty() && agent.find(token) != std::string::npos) chosen = &group;
    }
  }
  if (!chosen) {
    for (const Group& group : groups) {
      if (std::find(group.agents.begin(), group.agents.end(), "*") != group.agents.end()) chosen = &group;
    }
  }
  RobotsRules rules;
  if (chosen) {
    rules.rules_ = chosen->rules;
    rules.crawl_delay_s_ = chosen->crawl_delay;
  }
  return rules;
}

bool RobotsRules::Allowed(std::string_view path) const {
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (!Matches(rule.pattern, path)) continue;
    if (!best || rule.pattern.size() > best->pattern.size() ||
        (rule.pattern.size() == best->pattern.size() && rule.allow)) {
      best = &rule;
    }
  }
  return !best || best->allow;
}

}  // namespace tradewire
