// Gumbo over an arena. Gumbo calls the allocator for everything it keeps (nodes, vectors, strings), and it
// never checks for failure; so when the budget runs out the allocator leaves the parse with longjmp back to
// RunParse. That is safe here because Gumbo is C with no state outside its parser struct, and everything the
// abandoned parse allocated is in the arena, released as a whole.
#include "extractors/html/parse.h"

#include <csetjmp>
#include <cstdlib>
#include <string>
#include <vector>

namespace tradewire {

struct ParsedHtml::Arena {
  static constexpr std::size_t kBlockSize = std::size_t{1} << 20;
  static constexpr std::size_t kAlignment = alignof(std::max_align_t);
  // Reading the clock costs more than an allocation; once in this many is often enough to notice a stall.
  static constexpr unsigned kClockEvery = 1024;

  explicit Arena(const ParseBudget& budget)
      : max_bytes(budget.max_bytes),
        max_time(budget.max_time),
        deadline(std::chrono::steady_clock::now() + budget.max_time) {}
  ~Arena() {
    for (void* block : blocks) std::free(block);
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Null when the budget is spent or the system has no memory left; the caller escapes.
  void* Allocate(std::size_t size) {
    size = (size + kAlignment - 1) / kAlignment * kAlignment;
    if (size > max_bytes - allocated) return Exhaust("more than " + std::to_string(max_bytes >> 20) + " MB");
    if (++calls % kClockEvery == 0 && std::chrono::steady_clock::now() > deadline) {
      return Exhaust("more than " + std::to_string(max_time.count()) + " ms");
    }
    allocated += size;
    if (size > kBlockSize / 4) return NewBlock(size);  // large vectors and text get a block of their own
    if (size > remaining) {
      cursor = static_cast<char*>(NewBlock(kBlockSize));
      if (!cursor) return nullptr;
      remaining = kBlockSize;
    }
    void* result = cursor;
    cursor += size;
    remaining -= size;
    return result;
  }

  void* NewBlock(std::size_t size) {
    void* block = std::malloc(size);
    if (!block) return Exhaust("memory the system could not give");
    blocks.push_back(block);
    return block;
  }

  void* Exhaust(std::string why) {
    if (exceeded.empty()) exceeded = std::move(why);
    return nullptr;
  }

  const std::size_t max_bytes;
  const std::chrono::milliseconds max_time;
  const std::chrono::steady_clock::time_point deadline;
  std::size_t allocated = 0;
  unsigned calls = 0;
  std::vector<void*> blocks;
  char* cursor = nullptr;
  std::size_t remaining = 0;
  std::string exceeded;  // what ran out, when something did
  std::jmp_buf escape;
  GumboOutput* output = nullptr;
};

namespace {

void* AllocateInArena(void* userdata, std::size_t size) {
  auto* arena = static_cast<ParsedHtml::Arena*>(userdata);
  void* memory = arena->Allocate(size);
  if (!memory) std::longjmp(arena->escape, 1);
  return memory;
}

// The arena frees everything at once; Gumbo's frees of grown vectors and its final teardown are not needed.
void KeepInArena(void*, void*) {}

}  // namespace

// Holds no object with a destructor across setjmp, so that the longjmp back into it skips nothing.
static bool RunParse(ParsedHtml::Arena* arena, std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = AllocateInArena;
  options.deallocator = KeepInArena;
  options.userdata = arena;
  options.max_errors = 50;  // error records are not used; bounding them bounds memory on broken markup
  if (setjmp(arena->escape) != 0) return false;
  arena->output = gumbo_parse_with_options(&options, html.data(), html.size());
  return arena->output != nullptr;
}

StatusOr<ParsedHtml> ParsedHtml::Parse(std::string_view html, const ParseBudget& budget) {
  auto arena = std::make_unique<Arena>(budget);
  if (!RunParse(arena.get(), html)) {
    return Status::ResourceExhausted("parsing " + std::to_string(html.size()) + " bytes of HTML needed " +
                                     (arena->exceeded.empty() ? std::string("more than it could get")
                                                              : arena->exceeded));
  }
  return ParsedHtml(std::move(arena));
}

ParsedHtml::ParsedHtml(std::unique_ptr<Arena> arena) : arena_(std::move(arena)) {}
ParsedHtml::ParsedHtml(ParsedHtml&&) noexcept = default;
ParsedHtml& ParsedHtml::operator=(ParsedHtml&&) noexcept = default;
ParsedHtml::~ParsedHtml() = default;

const GumboNode* ParsedHtml::root() const { return arena_->output->root; }

}  // namespace tradewire
