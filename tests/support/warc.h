// WARC records written by hand (WARC/1.1, one response per page), for tests of archive reading.
#pragma once

#include <string>

namespace tradewire::testing {

// One WARC/1.1 record of `type` for `uri` holding `block`, dated 2025-05-23T01:02:03Z unless `date` is given.
std::string WarcRecord(const std::string& type, const std::string& uri, const std::string& block,
                       const std::string& content_type = "application/http; msgtype=response",
                       const std::string& date = "2025-05-23T01:02:03Z");

// An HTTP/1.1 200 response carrying `body`, as a response record's block.
std::string HttpResponse(const std::string& body, const std::string& type = "text/html; charset=utf-8");

}  // namespace tradewire::testing
