#include "extractors/html/metadata/title.h"

#include <gumbo.h>
#include <re2/re2.h>

#include <algorithm>

#include "extractors/html/dom.h"
#include "extractors/html/metadata/words.h"
#include "extractors/html/metadata/zone.h"
#include "extractors/html/page.h"
#include "extractors/text/utf8.h"

namespace tradewire::metadata {
namespace {

// The site names a title may carry: og:site_name, the JSON-LD publisher, the host's name ("apnic" of
// blog.apnic.net).
std::vector<std::string> SiteNames(const std::string& site_name, const std::string& publisher, std::string_view url) {
  std::vector<std::string> names;
  for (const std::string& name : {site_name, publisher}) {
    std::string squeezed = Squeezed(name);
    if (squeezed.size() >= 3) names.push_back(squeezed);
  }
  std::size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    std::string_view host = url.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/:?#"));
    // The label before the public suffix: news.example.co.uk → example.
    std::vector<std::string_view> labels;
    for (std::size_t i = 0; i <= host.size();) {
      std::size_t dot = host.find('.', i);
      if (dot == std::string_view::npos) dot = host.size();
      labels.push_back(host.substr(i, dot - i));
      i = dot + 1;
    }
    if (labels.size() >= 2) {
      std::size_t at = labels.size() - 2;
      if (at > 0 && labels[at].size() <= 3 && labels.back().size() == 2) --at;  // co.uk, com.au
      std::string label = Squeezed(labels[at]);
      if (label.size() >= 3) names.push_back(label);
    }
  }
  return names;
}

// What sites put between a headline and their name in <title>: "Headline | Site", "Site » Section » Headline".
constexpr std::string_view kTitleSeparators[] = {" | ", " - ", " – ", " — ", " :: ",
                                                 " « ", " » ", " · ", " • ", " / "};

// "Newegg.com", "bold.org", "Example.co.uk": a title part that is a host name names the site.
bool IsHostName(std::string_view part) {
  static const RE2 kHost(R"((?i)(?:www\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.)"
                         R"((?:com|org|net|info|biz|io|gov|edu|news|co|uk|us|ca|au|de|fr|in|jp|kr|cn|eu))");
  return part.find(' ') == std::string_view::npos && RE2::FullMatch(part, kHost);
}

}  // namespace

bool MatchesSiteName(std::string_view part, const std::vector<std::string>& site_names) {
  if (IsHostName(part)) return true;
  std::string squeezed = Squeezed(part);
  if (squeezed.empty()) return false;
  for (const std::string& site : site_names) {
    if (squeezed == site || (site.size() >= 4 && squeezed.find(site) != std::string::npos) ||
        (squeezed.size() >= 4 && site.find(squeezed) != std::string::npos)) {
      return true;
    }
  }
  return false;
}

namespace {

bool IsSiteNameOnly(std::string_view text, const std::vector<std::string>& site_names) {
  std::string squeezed = Squeezed(text);
  return std::any_of(site_names.begin(), site_names.end(), [&](const std::string& site) {
    return squeezed.find(site) != std::string::npos && squeezed.size() <= site.size() + 8;
  });
}

// An <h1> ending in the site's name ("Headline – Artlyst") or in short labels after bars ("Headline | Patient
// Education | Hospital").
std::string StripSiteSuffix(const std::string& title, const std::vector<std::string>& site_names) {
  std::string stripped = title;
  bool cut = true;
  while (cut) {
    cut = false;
    for (std::string_view separator : {" | ", " – ", " — ", " - ", " :: "}) {
      std::size_t at = stripped.rfind(separator);
      if (at == std::string::npos) continue;
      std::string head = stripped.substr(0, at), tail = stripped.substr(at + separator.size());
      if (WordCount(head) < 3) continue;
      if (MatchesSiteName(tail, site_names) || (separator == " | " && WordCount(tail) <= 4)) {
        stripped = Collapse(head);
        cut = true;
        break;
      }
    }
  }
  return stripped;
}

// A short <h1> that is the site-name end of the metadata's title, after a longer headline ("Headline – The
// Southerner" beside an <h1> "The Southerner"): the logo set as a heading, whatever the site calls itself elsewhere.
bool IsTitleSiteNamePart(const std::string& key, const std::vector<std::string>& meta_titles) {
  if (WordCount(key) > 4) return false;
  for (const std::string& m : meta_titles) {
    for (std::string_view separator : kTitleSeparators) {
      // Only the end: a short headline also stands first in "Climate Change | Economic Research Service".
      std::string suffix = std::string(separator) + key;
      bool at_end = m.size() > suffix.size() && m.compare(m.size() - suffix.size(), suffix.size(), suffix) == 0;
      if (at_end && WordCount(m) - WordCount(key) > WordCount(key) + 1) return true;
    }
  }
  return false;
}

// Visible text in [from, to), in bytes; whole subtrees inside the range are counted from their measures.
int32_t TextLengthBetween(const PageIndex& page, int32_t from, int32_t to) {
  int32_t length = 0;
  for (int32_t j = from; j < to;) {
    const PageNode& n = page[j];
    if (n.is_text || n.end <= to) {
      length += n.hidden ? 0 : n.is_text ? n.length : n.all_length;
      j = n.is_text ? j + 1 : n.end;
    } else {
      ++j;  // an element that runs past `to`: its children are looked at one by one
    }
  }
  return length;
}

// A headline stands at the top of the article: inside the body's container, or just above it with no more
// between them than a byline, a date or a standfirst.
bool HeadsBody(const PageIndex& page, int32_t h1, const ContentRegion& region) {
  if (region.root < 0) return false;
  int32_t container = page[region.root].parent >= 0 ? page[region.root].parent : region.root;
  if (h1 >= container && h1 < page[container].end) return true;
  constexpr int32_t kMaxBetween = 300;
  return page[h1].end <= region.root && TextLengthBetween(page, page[h1].end, region.root) <= kMaxBetween;
}

// A heading that is all one link to a site's home page ("<h1><a href="/">Site</a></h1>") is the site's logo.
bool LinksHome(const PageIndex& page, int32_t heading) {
  static const RE2 kHome(R"((?i)\s*(?:(?:https?:)?//[^/?#]+)?/?(?:index\.\w+)?\s*)");
  const PageNode& h = page[heading];
  for (int32_t j = heading + 1; j < h.end; ++j) {
    if (page[j].is_text || page[j].tag != GUMBO_TAG_A) continue;
    const char* href = Attr(page[j].node, "href");
    return h.all_length > 0 && page[j].all_length == h.all_length && href && *href && RE2::FullMatch(href, kHome);
  }
  return false;
}

// "davidbau.com Vibe Coding": a title that starts with the site's name with no separator after it.
std::string WithoutLeadingSiteName(const std::string& title, const std::vector<std::string>& site_names) {
  std::size_t space = title.find(' ');
  if (space == std::string::npos || WordCount(title) < 3) return title;
  std::string first = Squeezed(std::string_view(title).substr(0, space));
  bool site = std::find(site_names.begin(), site_names.end(), first) != site_names.end();
  return site ? title.substr(space + 1) : title;
}

// "Headline | Site", "Site - Headline", "Headline | Section | Site" → "Headline": parts that name the site are cut,
// and a part that is a headline on the page (an <h1>) is kept whole.
std::string StripSiteName(const std::string& title, const std::vector<std::string>& site_names,
                          const std::vector<std::string>& h1_keys) {
  struct Cut {
    std::size_t at, length;
  };
  std::vector<Cut> cuts;
  for (std::size_t i = 0; i < title.size(); ++i) {
    for (std::string_view separator : kTitleSeparators) {
      if (title.compare(i, separator.size(), separator) == 0) {
        cuts.push_back({i, separator.size()});
        break;
      }
    }
  }
  if (cuts.empty()) return WithoutLeadingSiteName(Collapse(title), site_names);
  for (const Cut& cut : cuts) {
    std::string head = title.substr(0, cut.at), tail = title.substr(cut.at + cut.length);
    if (std::find(h1_keys.begin(), h1_keys.end(), Key(head)) != h1_keys.end()) return Collapse(head);
    if (std::find(h1_keys.begin(), h1_keys.end(), Key(tail)) != h1_keys.end()) return Collapse(tail);
  }
  std::string stripped = title;
  // Site name at the end, then perhaps a section before it.
  const Cut& last = cuts.back();
  if (MatchesSiteName(title.substr(last.at + last.length), site_names)) {
    stripped = title.substr(0, last.at);
    if (cuts.size() >= 2) {
      const Cut& before = cuts[cuts.size() - 2];
      std::string section = stripped.substr(before.at + before.length);
      if (WordCount(section) <= 2 && WordCount(stripped.substr(0, before.at)) >= 3) {
        stripped = stripped.substr(0, before.at);
      }
    }
    return Collapse(stripped);
  }
  const Cut& first = cuts.front();
  if (MatchesSiteName(title.substr(0, first.at), site_names)) return Collapse(title.substr(first.at + first.length));
  // No site name recognised: a short last part after a longer headline is the site's.
  std::string head = title.substr(0, last.at), tail = title.substr(last.at + last.length);
  if (WordCount(tail) <= 4 && head.size() >= tail.size() && head.size() >= 15) return Collapse(head);
  return Collapse(title);
}

// The <h1>s that may be the headline (not the site's logo, not a paragraph set as a heading), the best of them and
// how it scored against the metadata's titles.
struct HeadlineCandidates {
  std::vector<std::string> keys;  // every candidate's Key
  int32_t best = -1;
  int score = 0;
  int similarity = 0;  // how well the best matches a metadata title (1: not at all)
};

HeadlineCandidates ScoreHeadlines(const PageIndex& page, const PageFacts& facts, const ContentRegion& region,
                                  const std::vector<std::string>& meta_titles, std::vector<std::string>* site_names) {
  HeadlineCandidates found;
  std::vector<std::pair<int32_t, std::string>> headline_h1s;  // index, Key
  for (int32_t i : facts.h1s) {
    std::string text = page.Text(i, false, 400);
    if (text.empty() || text.size() > 200) continue;  // longer than any headline
    std::string key = Key(text);
    if (IsSiteNameOnly(text, *site_names)) continue;
    if (IsTitleSiteNamePart(key, meta_titles) || LinksHome(page, i)) {
      site_names->push_back(Squeezed(text));
      continue;
    }
    headline_h1s.emplace_back(i, key);
  }
  for (const auto& [i, key] : headline_h1s) {
    found.keys.push_back(key);
    int score = 1;
    for (const std::string& m : meta_titles) {
      bool prefix = m.rfind(key, 0) == 0;
      bool suffix = m.size() > key.size() && m.compare(m.size() - key.size(), key.size(), key) == 0;
      if (m == key) {
        score = std::max(score, 8);  // the metadata's headline
      } else if (key.size() >= 8 && (prefix || suffix)) {
        score = std::max(score, 6);  // the headline of "Headline | Site"
      } else if (key.size() >= 8 && m.find(key) != std::string::npos) {
        score = std::max(score, 4);
      }
    }
    int similarity = score;
    if (HeadsBody(page, i, region)) score += 2;
    // The page's only <h1>, not a link (a logo), is its headline even when it stands apart from the text.
    if (headline_h1s.size() == 1 && !page[i].in_link) score += 2;
    if (InFurniture(page, i)) score -= 4;
    if (score > found.score) {
      found.score = score;
      found.similarity = similarity;
      found.best = i;
    }
  }
  return found;
}

// Whether the best <h1>, a poor match for the metadata's headline, is a label rather than the headline.
bool IsSectionLabel(const PageIndex& page, const PageFacts& facts, const ContentRegion& region,
                    const HeadlineCandidates& h1, const std::string& h1_title, const std::string& meta_title) {
  if (h1.similarity >= 4) return false;
  // A short <h1> beside a long metadata headline that it does not match is a section label ("Our Blog",
  // "Day 7", "M&A Updates").
  if (WordCount(h1_title) <= 3 && WordCount(meta_title) >= 5) return true;
  // An <h1> sharing no word with the metadata's headline, whose words the body's opening does use, names a section,
  // the site or a promotion ("Computer Science > Artificial Intelligence", "A message from our founder:").
  if (region.root >= 0) {
    std::vector<std::string> meta_words = ContentWords(meta_title);
    if (SharedWords(ContentWords(h1_title), meta_words) == 0 &&
        SharedWords(meta_words, ContentWords(page.Text(region.root, true, 600))) >= 2) {
      return true;
    }
  }
  // The metadata's headline shown as a lower heading while the <h1> says something else: that heading is it.
  bool shown_lower = false;
  if (WordCount(meta_title) >= 3) {
    std::string meta_key = Key(meta_title);
    for (int32_t i : facts.subheadings) {
      if (Key(page.Text(i, false, 400)) == meta_key) shown_lower = true;
    }
  }
  return shown_lower;
}

// The <h1>'s headline in the publisher's words: without furniture before the metadata's headline, and in the
// metadata's spelling when the <h1> is set in capitals.
std::string H1Headline(const std::string& h1_title, const std::string& meta_title, const PageFacts& facts,
                       const std::vector<std::string>& site_names, const std::vector<std::string>& h1_keys) {
  std::string title = StripSiteSuffix(h1_title, site_names);
  // An <h1> that puts page furniture before the metadata's headline ("Dec 18 2025 Headline", "Blog: Headline").
  std::string h1_key = Key(title), meta_key = Key(meta_title);
  std::size_t at = WordCount(meta_key) >= 3 ? h1_key.find(meta_key) : std::string::npos;
  if (at != std::string::npos && at > 0) {
    std::string_view prefix(h1_key.data(), at);
    std::string label = Collapse(prefix);
    if ((WordCount(label) <= 2 && !label.empty() && label.back() == ':') || !NormalizeDate(label).empty()) {
      title = meta_title;
    }
  }
  // An <h1> set in capitals for display ("TIPS FOR ONLINE SUCCESS"): the metadata's spelling of the same
  // headline is the publisher's.
  if (IsAllCaps(title)) {
    for (const std::string* t :
         {&facts.og_title, &facts.ld_article.headline, &facts.twitter_title, &facts.html_title}) {
      std::string spelling = t->empty() ? "" : StripSiteName(*t, site_names, h1_keys);
      if (!IsAllCaps(spelling) && Key(spelling) == Key(title)) return spelling;
    }
  }
  return title;
}

}  // namespace

TitleChoice ChooseTitle(const PageIndex& page, const PageFacts& facts, std::string_view url,
                        const ContentRegion& region) {
  TitleChoice choice;
  std::vector<std::string> meta_titles;
  for (const std::string* t : {&facts.og_title, &facts.twitter_title, &facts.ld_article.headline, &facts.html_title}) {
    if (!t->empty()) meta_titles.push_back(Key(*t));
  }
  choice.site_names = SiteNames(facts.site_name, facts.publisher(), url);
  HeadlineCandidates h1 = ScoreHeadlines(page, facts, region, meta_titles, &choice.site_names);
  choice.headline = h1.best;
  const std::vector<std::string>& names = choice.site_names;
  std::string h1_title = h1.best >= 0 ? page.Text(h1.best) : "";
  std::string meta_title = !facts.og_title.empty()              ? StripSiteName(facts.og_title, names, h1.keys)
                           : !facts.ld_article.headline.empty() ? facts.ld_article.headline
                           : !facts.twitter_title.empty()       ? StripSiteName(facts.twitter_title, names, h1.keys)
                           : !facts.html_title.empty()          ? StripSiteName(facts.html_title, names, h1.keys)
                                                                : std::string();
  if (h1.best >= 0 && (h1.score >= 3 || meta_title.empty()) &&
      !IsSectionLabel(page, facts, region, h1, h1_title, meta_title)) {
    choice.title = H1Headline(h1_title, meta_title, facts, names, h1.keys);
  } else {
    choice.title = !meta_title.empty() ? meta_title : h1_title;
  }
  return choice;
}

}  // namespace tradewire::metadata
