#include "extractors/tag/sentences.h"

#include <algorithm>
#include <set>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

namespace tradewire {
namespace {

struct UTextCloser {
  void operator()(UText* text) const { utext_close(text); }
};

// The token that ends just before `end` (trailing white space skipped): "U.S." in "the U.S. ".
std::string_view TokenBefore(std::string_view text, std::size_t end) {
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  std::size_t begin = end;
  while (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\n' && text[begin - 1] != '\t' &&
         text[begin - 1] != '(' && text[begin - 1] != '"') {
    --begin;
  }
  return text.substr(begin, end - begin);
}

// Whether a paragraph is one sentence because nothing in it could end one before its end: ASCII, no carriage
// return, and no ".", "!" or "?" but in its closing run ("said so.\"\n"). ICU's rules then find no boundary inside
// it, and asking them is most of what splitting costs.
bool OneSentence(std::string_view paragraph) {
  std::size_t end = paragraph.size();
  while (end > 0 && std::string_view(" \t\n.!?)]\"'").find(paragraph[end - 1]) != std::string_view::npos) --end;
  return std::none_of(paragraph.begin(), paragraph.begin() + static_cast<std::ptrdiff_t>(end), [](char c) {
    return c == '.' || c == '!' || c == '?' || c == '\r' || static_cast<unsigned char>(c) >= 0x80;
  });
}

}  // namespace

struct SentenceSplitter::Impl {
  // A break iterator keeps its position and text, so every call works on its own clone of this prototype
  // (clone() is const, which ICU promises is safe to call from several threads).
  std::unique_ptr<icu::BreakIterator> prototype;
  std::set<std::string, std::less<>> abbreviations;
};

StatusOr<SentenceSplitter> SentenceSplitter::Create(std::vector<std::string> abbreviations) {
  auto impl = std::make_unique<Impl>();
  UErrorCode status = U_ZERO_ERROR;
  impl->prototype.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
  if (U_FAILURE(status) || !impl->prototype) {
    return Status::Internal(std::string("ICU sentence break iterator: ") + u_errorName(status));
  }
  impl->abbreviations.insert(abbreviations.begin(), abbreviations.end());
  return SentenceSplitter(std::move(impl));
}

std::vector<std::size_t> SentenceSplitter::SentenceStarts(std::string_view text) const {
  std::vector<std::size_t> starts{0};
  AppendStarts(text, 0, text.size(), &starts);
  return starts;
}

SentenceSplitter::Paragraph SentenceSplitter::ParagraphAt(std::string_view text, std::size_t offset) const {
  Paragraph paragraph;
  std::size_t newline_before = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  paragraph.begin = newline_before == std::string_view::npos ? 0 : newline_before + 1;
  std::size_t newline = text.find('\n', offset);
  paragraph.end = newline == std::string_view::npos ? text.size() : newline + 1;
  paragraph.starts.push_back(paragraph.begin);
  if (!OneSentence(text.substr(paragraph.begin, paragraph.end - paragraph.begin))) {
    AppendStarts(text, paragraph.begin, paragraph.end, &paragraph.starts);
  }
  return paragraph;
}

void SentenceSplitter::AppendStarts(std::string_view text, std::size_t begin, std::size_t end,
                                 std::vector<std::size_t>* starts) const {
  std::unique_ptr<icu::BreakIterator> iterator(impl_->prototype->clone());
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> utext(
      utext_openUTF8(nullptr, text.data() + begin, static_cast<int64_t>(end - begin), &status));
  if (!iterator || U_FAILURE(status)) return;
  iterator->setText(utext.get(), status);
  if (U_FAILURE(status)) return;
  for (int32_t boundary = iterator->next(); boundary != icu::BreakIterator::DONE; boundary = iterator->next()) {
    std::size_t offset = begin + static_cast<std::size_t>(boundary);
    if (offset >= end) break;
    std::string_view before = TokenBefore(text, offset);
    bool paragraph_end = text[offset - 1] == '\n';
    if (!paragraph_end && impl_->abbreviations.count(before) > 0) continue;
    starts->push_back(offset);
  }
}

SentenceSpan SentenceSplitter::Paragraph::SentenceAt(std::size_t offset) const {
  // Past the paragraph's last sentence comes the next paragraph's first, or the end of the text: `end` either way.
  auto next = std::upper_bound(starts.begin(), starts.end(), offset);
  SentenceSpan span;
  span.begin = next == starts.begin() ? begin : *(next - 1);
  span.end = next == starts.end() ? end : *next;
  return span;
}

SentenceSpan SentenceAt(const std::vector<std::size_t>& starts, std::size_t text_size, std::size_t offset) {
  auto next = std::upper_bound(starts.begin(), starts.end(), offset);
  SentenceSpan span;
  span.begin = next == starts.begin() ? 0 : *(next - 1);
  span.end = next == starts.end() ? text_size : *next;
  return span;
}

SentenceSplitter::SentenceSplitter(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
SentenceSplitter::SentenceSplitter(SentenceSplitter&&) noexcept = default;
SentenceSplitter& SentenceSplitter::operator=(SentenceSplitter&&) noexcept = default;
SentenceSplitter::~SentenceSplitter() = default;

}  // namespace tradewire
