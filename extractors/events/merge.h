// When two Events (from different articles) are the same real-world event, and how they merge. Pure.
#pragma once

#include <string>

#include "extractors/event.h"

namespace tradewire {

// A key that every event the same as `event` shares (kind and start month, say): the store looks up
// candidates by it and then asks SameEvent.
std::string EventBlockingKey(const Event& event);

// True only when kind, dates, place and participants agree (missing values do not contradict).
bool SameEvent(const Event& a, const Event& b);

// The union of both: known values win over missing ones, participants and topics are united.
// Evidence stays per article, so the store keeps it alongside the source article, not here.
Event MergeEvents(const Event& kept, const Event& incoming);

}  // namespace tradewire
