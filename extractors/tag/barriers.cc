#include "extractors/tag/barriers.h"

#include <algorithm>
#include <set>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "extractors/tag/data_json.h"
#include "extractors/tag/phrase_matcher.h"

namespace tradewire {
namespace {

constexpr const char* kTaxonomyFile = "taxonomy/barriers.json";
constexpr const char* kMastChapters = "ABCDEFGHIJKLMNOP";

struct Signal {
  std::string category;
  nlohmann::json mast;  // a chapter letter, or null
  std::string measure;  // empty: report the matched words
  std::unique_ptr<RE2> pattern;
};

RE2::Options SignalOptions() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_longest_match(true);
  options.set_log_errors(false);
  options.set_max_mem(32 << 20);
  return options;
}

}  // namespace

struct BarrierTagger::Impl {
  std::vector<Signal> signals;
  std::unique_ptr<RE2::Set> prefilter;
};

StatusOr<BarrierTagger> BarrierTagger::Create(const DataFiles& files) {
  auto impl = std::make_unique<Impl>();
  impl->prefilter = std::make_unique<RE2::Set>(SignalOptions(), RE2::UNANCHORED);
  StatusOr<std::optional<nlohmann::json>> parsed = ParseDataFile(files, kTaxonomyFile, "categories");
  if (!parsed.ok()) return parsed.status();
  if (parsed->has_value()) {
    const nlohmann::json& categories = (**parsed)["categories"];
    std::set<std::string> ids;
    for (std::size_t i = 0; i < categories.size(); ++i) {
      const nlohmann::json& category = categories[i];
      std::string where = DescribeEntry(kTaxonomyFile, i, category, "id");
      StatusOr<std::string> id = RequiredString(category, "id", where);
      if (!id.ok()) return id.status();
      if (!ids.insert(*id).second) return Status::InvalidArgument(where + ": duplicate id");
      StatusOr<std::string> mast = OptionalString(category, "mast", where);
      if (!mast.ok()) return mast.status();
      if (!mast->empty() && (mast->size() != 1 || std::string_view(kMastChapters).find((*mast)[0]) == std::string::npos)) {
        return Status::InvalidArgument(where + ": \"mast\" must be a chapter letter A-P or null");
      }
      auto signals = category.find("signals");
      if (signals == category.end() || !signals->is_array() || signals->empty()) {
        return Status::InvalidArgument(where + ": missing array \"signals\"");
      }
      for (std::size_t j = 0; j < signals->size(); ++j) {
        const nlohmann::json& signal = (*signals)[j];
        std::string signal_where = where + ", signal " + std::to_string(j + 1);
        if (!signal.is_object()) return Status::InvalidArgument(signal_where + ": not an object");
        StatusOr<std::string> source = RequiredString(signal, "pattern", signal_where);
        if (!source.ok()) return source.status();
        StatusOr<std::string> measure = OptionalString(signal, "measure", signal_where);
        if (!measure.ok()) return measure.status();
        auto pattern = std::make_unique<RE2>(*source, SignalOptions());
        if (!pattern->ok()) {
          return Status::InvalidArgument(signal_where + ": bad pattern \"" + *source + "\": " + pattern->error());
        }
        if (pattern->Match("", 0, 0, RE2::UNANCHORED, nullptr, 0)) {
          return Status::InvalidArgument(signal_where + ": pattern \"" + *source + "\" matches the empty string");
        }
        std::string error;
        if (impl->prefilter->Add(*source, &error) < 0) {
          return Status::InvalidArgument(signal_where + ": bad pattern \"" + *source + "\": " + error);
        }
        impl->signals.push_back(Signal{*id, mast->empty() ? nlohmann::json() : nlohmann::json(*mast), *measure,
                                       std::move(pattern)});
      }
    }
  }
  if (!impl->prefilter->Compile()) return Status::Internal(std::string(kTaxonomyFile) + ": signals too large to compile");
  return BarrierTagger(std::move(impl));
}

void BarrierTagger::Tag(std::string_view text, Mentions* out) const {
  if (impl_->signals.empty()) return;
  std::vector<int> present;
  if (!impl_->prefilter->Match(re2::StringPiece(text.data(), text.size()), &present)) return;
  std::sort(present.begin(), present.end());
  Mentions tagged;
  re2::StringPiece input(text.data(), text.size());
  for (int index : present) {
    const Signal& signal = impl_->signals[static_cast<std::size_t>(index)];
    re2::StringPiece found;
    std::size_t pos = 0;
    while (pos < text.size() && signal.pattern->Match(input, pos, text.size(), RE2::UNANCHORED, &found, 1)) {
      std::size_t begin = static_cast<std::size_t>(found.data() - text.data());
      std::size_t end = begin + found.size();
      pos = end > begin ? end : begin + 1;
      if (!IsWholeWord(text, begin, end)) continue;
      Mention mention;
      mention.type = "barrier";
      mention.start = begin;
      mention.end = end;
      mention.text = std::string(text.substr(begin, end - begin));
      mention.value["category"] = signal.category;
      mention.value["mast"] = signal.mast;
      mention.value["measure"] = signal.measure.empty() ? mention.text : signal.measure;
      tagged.push_back(std::move(mention));
    }
  }
  // "beef from cattle over 30 months" also holds the signal "cattle over 30 months": one measure, one mention.
  auto contained = [&](const Mention& inner) {
    return std::any_of(tagged.begin(), tagged.end(), [&](const Mention& outer) {
      return &outer != &inner && outer.value["category"] == inner.value["category"] && outer.start <= inner.start &&
             inner.end <= outer.end && (outer.end - outer.start) > (inner.end - inner.start);
    });
  };
  for (const Mention& mention : tagged) {
    if (!contained(mention)) out->push_back(mention);
  }
}

BarrierTagger::BarrierTagger(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
BarrierTagger::BarrierTagger(BarrierTagger&&) noexcept = default;
BarrierTagger& BarrierTagger::operator=(BarrierTagger&&) noexcept = default;
BarrierTagger::~BarrierTagger() = default;

}  // namespace tradewire
