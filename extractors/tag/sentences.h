// Sentence boundaries (ICU's rule-based sentence break iterator), corrected for the abbreviations that trade
// news is full of: ICU breaks after "U.S." in "the U.S. Trade Representative".
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/status.h"

namespace tradewire {

class SentenceSplitter {
 public:
  // `abbreviations`: tokens after which a break is never taken ("U.S.", "Dr.", "Sen.").
  static StatusOr<SentenceSplitter> Create(std::vector<std::string> abbreviations);

  // Byte offsets where sentences start, beginning with 0; paragraph breaks ("\n") always end a sentence.
  // Safe to call from several threads at once.
  std::vector<std::size_t> SentenceStarts(std::string_view text) const;

  // The sentences of the paragraph of `text` that holds byte `offset`: the same as SentenceStarts(text) gives
  // there, at the cost of splitting that paragraph only (a paragraph break ends a sentence whatever surrounds it,
  // so a paragraph splits alone as it does inside its text).
  struct Paragraph;
  Paragraph ParagraphAt(std::string_view text, std::size_t offset) const;

  SentenceSplitter(SentenceSplitter&&) noexcept;
  SentenceSplitter& operator=(SentenceSplitter&&) noexcept;
  ~SentenceSplitter();

 private:
  struct Impl;
  explicit SentenceSplitter(std::unique_ptr<const Impl> impl);
  // Appends the starts of the sentences of text[begin, end) other than `begin` (a paragraph or the whole text).
  void AppendStarts(std::string_view text, std::size_t begin, std::size_t end, std::vector<std::size_t>* starts) const;
  std::unique_ptr<const Impl> impl_;
};

// The [begin, end) of the sentence holding byte `offset`, given SentenceStarts() of the text.
struct SentenceSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};
SentenceSpan SentenceAt(const std::vector<std::size_t>& starts, std::size_t text_size, std::size_t offset);

struct SentenceSplitter::Paragraph {
  std::size_t begin = 0;  // byte offsets into the text: the paragraph is [begin, end), its "\n" included
  std::size_t end = 0;
  std::vector<std::size_t> starts;  // its sentence starts, beginning with `begin`

  bool Holds(std::size_t offset) const { return begin <= offset && offset < end; }
  // The sentence holding `offset` (which Holds), as SentenceAt gives it from the whole text's starts.
  SentenceSpan SentenceAt(std::size_t offset) const;
};

}  // namespace tradewire
