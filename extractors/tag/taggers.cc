#include "extractors/tag/taggers.h"

#include <algorithm>
#include <vector>

#include "extractors/tag/families.h"
#include "extractors/text/utf8.h"

namespace tradewire {

struct Taggers::Impl {
  std::vector<std::unique_ptr<TaggerFamily>> families;
};

StatusOr<Taggers> Taggers::Create(const DataFiles& files) {
  auto impl = std::make_unique<Impl>();
  for (auto make : {&MakeDateTagger, &MakeEntityTagger}) {
    StatusOr<std::unique_ptr<TaggerFamily>> family = make(files);
    if (!family.ok()) return family.status();
    impl->families.push_back(std::move(family).value());
  }
  return Taggers(std::move(impl));
}

Mentions Taggers::Tag(const Article& article, std::string_view fallback_anchor) const {
  TagContext context;
  context.text = article.text;
  context.title = article.title;
  if (article.dateline && !article.dateline->date.empty()) {
    context.anchor = article.dateline->date;
  } else if (!article.published.empty()) {
    context.anchor = article.published;
  } else {
    context.anchor = std::string(fallback_anchor);
  }
  if (context.anchor.size() > 10) context.anchor.resize(10);  // a date-time anchors on its day

  Mentions mentions;
  mentions.reserve(article.text.size() / 64 + 16);  // news has about one mention per hundred bytes
  for (const auto& family : impl_->families) family->Tag(context, &mentions);

  // Byte offsets are character offsets in ASCII text (most English news): the map is needed only otherwise.
  bool ascii = std::all_of(article.text.begin(), article.text.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) {
    CharOffsetMap offsets(article.text);
    for (Mention& mention : mentions) {
      mention.start = offsets.ToChar(mention.start);
      mention.end = offsets.ToChar(mention.end);
    }
  }
  // Sorted by small keys, then moved into place once: swapping whole mentions (strings, JSON) inside the sort cost
  // more than the sort. Ties keep the order the families produced.
  struct Key {
    std::size_t start, end, index;
  };
  std::vector<Key> keys;
  keys.reserve(mentions.size());
  for (std::size_t i = 0; i < mentions.size(); ++i) keys.push_back({mentions[i].start, mentions[i].end, i});
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end != b.end ? a.end > b.end : a.index < b.index;
  });
  Mentions sorted;
  sorted.reserve(mentions.size());
  for (const Key& key : keys) sorted.push_back(std::move(mentions[key.index]));
  return sorted;
}

Taggers::Taggers(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Taggers::Taggers(Taggers&&) noexcept = default;
Taggers& Taggers::operator=(Taggers&&) noexcept = default;
Taggers::~Taggers() = default;

}  // namespace tradewire
