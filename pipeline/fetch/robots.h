// robots.txt rules for one host, as they apply to our user agent (RFC 9309: the most specific group, longest
// matching rule wins, Allow wins ties; '*' and '$' wildcards).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tradewire {

class RobotsRules {
 public:
  RobotsRules() = default;  // allows everything (no robots.txt, or it could not be read)
  static RobotsRules Parse(std::string_view robots_txt, std::string_view user_agent);

  bool Allowed(std::string_view path_and_query) const;
  double crawl_delay_s() const { return crawl_delay_s_; }

 private:
  struct Rule {
    std::string pattern;
    bool allow = false;
  };
  std::vector<Rule> rules_;
  double crawl_delay_s_ = 0;
};

}  // namespace tradewire
