#include "pipeline/fetch/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <vector>

#include "extractors/text/utf8.h"
#include "pipeline/compression.h"

namespace tradewire {
namespace {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct MultiDeleter {
  void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

// Everything one transfer needs while libcurl runs it; libcurl holds pointers into it, so it never moves.
struct Transfer {
  EasyHandle handle;
  std::string url;
  std::unique_ptr<curl_slist, HeaderListDeleter> headers;
  char error_buffer[CURL_ERROR_SIZE] = "";
  std::int64_t max_bytes = 0;
  std::string content_encoding;
  HttpResponse response;
  HttpClient::Completion done;
  Reach reach = Reach::kPublic;
  const std::vector<std::string>* addresses_taken_as_public = nullptr;
  int hop = 0;
  bool first_hop_private = false;
};

// Called by libcurl once a connection (new or reused) is ready and before each request of a redirect chain is
// sent, with the address actually connected to: a name that resolved elsewhere before (DNS rebinding) or a
// numeric spelling of 127.0.0.1 cannot slip past.
int OnConnected(void* user, char* primary_ip, char*, int, int) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string ip = primary_ip ? primary_ip : "";
  const std::vector<std::string>& taken_as_public = *transfer->addresses_taken_as_public;
  const AddressClass address = std::find(taken_as_public.begin(), taken_as_public.end(), ip) != taken_as_public.end()
                                   ? AddressClass::kPublic
                                   : ClassifyAddress(ip);
  const bool is_private = address != AddressClass::kPublic;
  if (transfer->hop == 0) transfer->first_hop_private = is_private;
  std::string_view refusal = RefusalReason(transfer->reach, address, transfer->hop, transfer->first_hop_private);
  ++transfer->hop;
  transfer->response.from_private_address = is_private;
  if (refusal.empty()) return CURL_PREREQFUNC_OK;
  transfer->response.refused = true;
  transfer->response.error = "refused: " + (ip.empty() ? "?" : ip) + " is " + std::string(refusal);
  return CURL_PREREQFUNC_ABORT;
}

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::size_t bytes = size * count;
  if (static_cast<std::int64_t>(transfer->response.body.size() + bytes) > transfer->max_bytes) {
    transfer->response.too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  transfer->response.body.append(data, bytes);
  return bytes;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  HttpResponse& response = transfer->response;
  std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response of a redirect chain: forget the previous one's headers
    response.etag.clear();
    response.last_modified.clear();
    response.retry_after.clear();
    transfer->content_encoding.clear();
  }
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name = AsciiLower(line.substr(0, colon));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
  if (name == "etag") response.etag = value;
  else if (name == "content-encoding") transfer->content_encoding = value;
  else if (name == "last-modified") response.last_modified = value;
  else if (name == "retry-after") response.retry_after = value;
  return size * count;
}

// Undoes the Content-Encoding; a truncated or corrupt stream, or one that inflates past max_bytes, is a failure.
void DecodeBody(std::string_view encoding, std::int64_t max_bytes, HttpResponse* response) {
  std::string lowered = AsciiLower(encoding);
  if (lowered.empty() || lowered == "identity") return;
  std::string decoded;
  DecodeResult result;
  auto limit = static_cast<std::size_t>(max_bytes);
  if (lowered == "gzip" || lowered == "x-gzip") result = Gunzip(response->body, &decoded, limit);
  else if (lowered == "deflate") result = Inflate(response->body, &decoded, limit);
  else if (lowered == "br") result = BrotliDecode(response->body, &decoded, limit);
  else {
    response->error = "unsupported Content-Encoding '" + std::string(encoding) + "'";
    response->body.clear();
    return;
  }
  if (result == DecodeResult::kTooLarge) {
    response->too_large = true;
    response->error = "body over max_bytes (" + std::to_string(max_bytes) + ") once decompressed";
  } else if (result == DecodeResult::kTruncated) {
    response->error = "the " + lowered + " body is truncated or corrupt";
    response->retryable = true;
  }
  response->body = response->error.empty() ? std::move(decoded) : std::string();
}

// Fills status, URL and type from the finished handle, then turns libcurl's result into the response's verdict.
void Finish(Transfer& transfer, CURLcode rc) {
  HttpResponse& response = transfer.response;
  CURL* curl = transfer.handle.get();
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  response.status = static_cast<int>(status);
  if (char* effective = nullptr; curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective) {
    response.final_url = effective;
  }
  if (char* type = nullptr; curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) {
    response.content_type = type;
  }
  if (rc == CURLE_OK) {
    response.retryable = response.status == 429 || response.status >= 500;
    DecodeBody(transfer.content_encoding, transfer.max_bytes, &response);
    return;
  }
  if (response.refused) {  // OnConnected wrote the reason
    response.body.clear();
    return;
  }
  std::string detail = transfer.error_buffer[0] ? transfer.error_buffer : curl_easy_strerror(rc);
  switch (rc) {
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:
      response.too_large = true;
      response.error = "body over max_bytes (" + std::to_string(transfer.max_bytes) + ")";
      break;
    case CURLE_OPERATION_TIMEDOUT:
      response.error = "timed out (" + detail + ")";
      response.retryable = true;
      break;
    case CURLE_TOO_MANY_REDIRECTS:
      response.error = "more than 5 redirects";
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
      response.error = "redirect to or URL with a scheme other than http/https";
      break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      // "Connection reset by peer" arrives as a receive or send error; say so plainly in the failure record.
      response.error = detail.find("reset") != std::string::npos ? "connection reset (" + detail + ")" : detail;
      response.retryable = true;
      break;
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_SSL_CONNECT_ERROR:
      response.error = detail;
      response.retryable = true;
      break;
    default:
      response.error = detail;
      break;
  }
  response.body.clear();  // a partial body is never passed on as if it were the page
}

}  // namespace

struct HttpClient::Impl {
  FetchConfig config;
  std::unique_ptr<CURLM, MultiDeleter> multi;
  std::map<CURL*, std::unique_ptr<Transfer>> running;
  std::vector<EasyHandle> idle_handles;  // reused: cheaper than curl_easy_init per request

  ~Impl() {
    for (auto& [handle, transfer] : running) curl_multi_remove_handle(multi.get(), handle);
  }

  void Configure(Transfer& transfer, const HttpRequest& request) {
    CURL* curl = transfer.handle.get();
    auto add_header = [&transfer](const std::string& header) {
      transfer.headers.reset(curl_slist_append(transfer.headers.release(), header.c_str()));
    };
    if (!request.etag.empty()) add_header("If-None-Match: " + request.etag);
    if (!request.last_modified.empty()) add_header("If-Modified-Since: " + request.last_modified);
    add_header("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

    curl_easy_setopt(curl, CURLOPT_PRIVATE, &transfer);
    curl_easy_setopt(curl, CURLOPT_URL, transfer.url.c_str());
    curl_easy_setopt(curl, CURLOPT_USERAGENT, config.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, transfer.headers.get());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config.connect_timeout_s * 1000));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(config.timeout_s * 1000));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(config.low_speed_bytes_per_s));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(std::max(1.0, config.low_speed_time_s)));
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(config.max_bytes));
    // We undo Content-Encoding ourselves (DecodeBody) rather than let libcurl do it, because libcurl passes on
    // a gzip stream that ends early as if it were whole, and does not bound what a small body inflates to.
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip, deflate, br");
    curl_easy_setopt(curl, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, transfer.error_buffer);
    curl_easy_setopt(curl, CURLOPT_PREREQFUNCTION, OnConnected);
    curl_easy_setopt(curl, CURLOPT_PREREQDATA, &transfer);
    // Without a configured proxy libcurl reads http_proxy/https_proxy/no_proxy from the environment itself.
    if (!config.proxy.empty()) curl_easy_setopt(curl, CURLOPT_PROXY, config.proxy.c_str());
  }

  // Hands every finished transfer to its completion (which may Start() more); returns how many finished.
  int CollectFinished() {
    int finished = 0;
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* handle = message->easy_handle;
      CURLcode rc = message->data.result;
      curl_multi_remove_handle(multi.get(), handle);
      auto node = running.extract(handle);
      if (node.empty()) continue;
      std::unique_ptr<Transfer> transfer = std::move(node.mapped());
      Finish(*transfer, rc);
      HttpResponse response = std::move(transfer->response);
      Completion done = std::move(transfer->done);
      curl_easy_reset(transfer->handle.get());  // keeps nothing of this request; connections live in the multi
      idle_handles.push_back(std::move(transfer->handle));
      ++finished;
      done(std::move(response));
    }
    return finished;
  }
};

HttpClient::HttpClient(const FetchConfig& config) : impl_(std::make_unique<Impl>()) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->config = config;
  impl_->multi.reset(curl_multi_init());
  if (CURLM* multi = impl_->multi.get()) {
    // Backstops for the Fetcher's own limits, and a connection cache big enough to keep every one alive.
    curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(config.concurrency));
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(config.per_host_connections));
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(std::max(config.concurrency, 4)));
  }
}

HttpClient::~HttpClient() = default;

int HttpClient::in_flight() const { return static_cast<int>(impl_->running.size()); }

void HttpClient::Start(HttpRequest request, Completion done) {
  auto transfer = std::make_unique<Transfer>();
  transfer->url = std::move(request.url);
  transfer->max_bytes = impl_->config.max_bytes;
  transfer->reach = impl_->config.allow_private_networks ? Reach::kAnywhere : request.reach;
  transfer->addresses_taken_as_public = &impl_->config.addresses_taken_as_public;
  transfer->done = std::move(done);
  if (!impl_->idle_handles.empty()) {
    transfer->handle = std::move(impl_->idle_handles.back());
    impl_->idle_handles.pop_back();
  } else {
    transfer->handle.reset(curl_easy_init());
  }
  if (!impl_->multi || !transfer->handle) {
    transfer->response.error = "libcurl could not be initialised";
    transfer->done(std::move(transfer->response));
    return;
  }
  impl_->Configure(*transfer, request);
  CURL* handle = transfer->handle.get();
  if (CURLMcode rc = curl_multi_add_handle(impl_->multi.get(), handle); rc != CURLM_OK) {
    transfer->response.error = std::string("libcurl refused the transfer: ") + curl_multi_strerror(rc);
    transfer->done(std::move(transfer->response));
    return;
  }
  impl_->running.emplace(handle, std::move(transfer));
}

void HttpClient::Poll(std::chrono::milliseconds timeout) {
  CURLM* multi = impl_->multi.get();
  if (!multi) return;
  int still_running = 0;
  curl_multi_perform(multi, &still_running);
  if (impl_->CollectFinished() > 0) return;  // the caller may have more to start before anything is waited for
  // curl_multi_poll waits out the timeout even when no transfer is running, which is what a caller waiting for
  // a host's delay to pass wants; it returns early when libcurl's own timers are due.
  curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::max<std::int64_t>(0, timeout.count())), nullptr);
  curl_multi_perform(multi, &still_running);
  impl_->CollectFinished();
}

}  // namespace tradewire
