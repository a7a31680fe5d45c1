// ProcessingPool: runs DocumentProcessor::Process (decode → extract → tag → events) on worker threads while the caller's
// thread keeps fetching or reading, and hands results back IN SUBMISSION ORDER on the caller's thread. The
// store is therefore only ever touched by one thread, and results do not depend on thread timing (which copy
// of a syndicated story becomes a cluster's canonical article, say).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/process.h"

namespace tradewire {

class ProcessingPool {
 public:
  using Writer = std::function<void(FetchedDocument, ProcessedDocument)>;

  // `processor` must outlive the pool. `workers` ≥ 1 threads; at most `capacity` documents in flight, so memory
  // stays flat however many documents pass through.
  ProcessingPool(const DocumentProcessor& processor, int workers, Writer writer, std::size_t capacity = 64);
  ~ProcessingPool();  // Finish()es
  ProcessingPool(const ProcessingPool&) = delete;
  ProcessingPool& operator=(const ProcessingPool&) = delete;

  // Queues `document`; writes (on this thread) every result that is ready at the head of the queue, waiting
  // for the head when `capacity` documents are in flight.
  void Submit(FetchedDocument document);
  // Waits for and writes every remaining result. Idempotent.
  void Finish();

 private:
  struct Job {
    FetchedDocument document;
    std::promise<ProcessedDocument> result;
  };
  struct InFlight {
    std::shared_ptr<Job> job;
    std::future<ProcessedDocument> result;
  };

  void WorkerLoop();
  void WriteHead();

  const DocumentProcessor& processor_;
  Writer writer_;
  std::size_t capacity_;
  std::deque<InFlight> in_flight_;  // caller's thread only

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::deque<std::shared_ptr<Job>> pending_;  // guarded by mutex_
  bool stopping_ = false;                     // guarded by mutex_
  std::vector<std::thread> workers_;
};

}  // namespace tradewire
