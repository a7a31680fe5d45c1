#include "pipeline/ingest/processing_pool.h"

#include <algorithm>

namespace tradewire {

ProcessingPool::ProcessingPool(const DocumentProcessor& processor, int workers, Writer writer,
                               std::size_t capacity)
    : processor_(processor), writer_(std::move(writer)), capacity_(std::max<std::size_t>(capacity, 1)) {
  for (int i = 0; i < std::max(workers, 1); ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ProcessingPool::~ProcessingPool() {
  Finish();
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void ProcessingPool::Submit(FetchedDocument document) {
  auto job = std::make_shared<Job>();
  job->document = std::move(document);
  InFlight entry{job, job->result.get_future()};
  {
    std::lock_guard lock(mutex_);
    pending_.push_back(job);
  }
  work_ready_.notify_one();
  in_flight_.push_back(std::move(entry));

  while (!in_flight_.empty() &&
         (in_flight_.size() > capacity_ ||
          in_flight_.front().result.wait_for(std::chrono::seconds(0)) == std::future_status::ready)) {
    WriteHead();
  }
}

void ProcessingPool::Finish() {
  while (!in_flight_.empty()) WriteHead();
}

void ProcessingPool::WriteHead() {
  InFlight head = std::move(in_flight_.front());
  in_flight_.pop_front();
  ProcessedDocument processed = head.result.get();
  writer_(std::move(head.job->document), std::move(processed));
}

void ProcessingPool::WorkerLoop() {
  while (true) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
      if (pending_.empty()) return;
      job = std::move(pending_.front());
      pending_.pop_front();
    }
    job->result.set_value(processor_.Process(job->document));
  }
}

}  // namespace tradewire
