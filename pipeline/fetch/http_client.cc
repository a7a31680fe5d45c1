#include "pipeline/fetch/http_client.h"

#include <curl/curl.h>

#include "pipeline/compression.h"

#include <algorithm>
#include <cctype>
#include <mutex>

namespace tradewire {
namespace {

struct CurlHandleDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Transfer {
  HttpResponse* response;
  std::int64_t max_bytes;
  std::string content_encoding;
};

std::size_t OnBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::size_t bytes = size * count;
  if (static_cast<std::int64_t>(transfer->response->body.size() + bytes) > transfer->max_bytes) {
    transfer->response->too_large = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  transfer->response->body.append(data, bytes);
  return bytes;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<Transfer*>(user)->response;
  std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response of a redirect chain: forget the previous one's headers
    response->etag.clear();
    response->last_modified.clear();
    response->retry_after.clear();
    static_cast<Transfer*>(user)->content_encoding.clear();
  }
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
  if (name == "etag") response->etag = value;
  else if (name == "content-encoding") static_cast<Transfer*>(user)->content_encoding = value;
  else if (name == "last-modified") response->last_modified = value;
  else if (name == "retry-after") response->retry_after = value;
  return size * count;
}

// Undoes the Content-Encoding; a truncated or corrupt stream, or one that inflates past max_bytes, is a failure.
void DecodeBody(std::string_view encoding, std::int64_t max_bytes, HttpResponse* response) {
  std::string lowered(encoding);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return std::tolower(c); });
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

}  // namespace

struct HttpClient::Impl {
  FetchConfig config;
  std::unique_ptr<CURL, CurlHandleDeleter> handle;
};

HttpClient::HttpClient(const FetchConfig& config) : impl_(std::make_unique<Impl>()) {
  static std::once_flag global_init;
  std::call_once(global_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->config = config;
  impl_->handle.reset(curl_easy_init());
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::Get(std::string_view url, std::string_view etag, std::string_view last_modified) {
  HttpResponse response;
  CURL* curl = impl_->handle.get();
  if (!curl) {
    response.error = "libcurl could not be initialised";
    return response;
  }
  const FetchConfig& config = impl_->config;
  curl_easy_reset(curl);  // keeps the connection cache, forgets the previous request's options
  std::string target(url);
  Transfer transfer{&response, config.max_bytes, ""};
  std::unique_ptr<curl_slist, HeaderListDeleter> headers;
  auto add_header = [&headers](const std::string& header) {
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  };
  if (!etag.empty()) add_header("If-None-Match: " + std::string(etag));
  if (!last_modified.empty()) add_header("If-Modified-Since: " + std::string(last_modified));
  add_header("Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

  curl_easy_setopt(curl, CURLOPT_URL, target.c_str());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, config.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
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
  // We undo Content-Encoding ourselves (below) rather than let libcurl do it, because libcurl passes on a gzip
  // stream that ends early as if it were whole, and does not bound what a small compressed body inflates to.
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip, deflate, br");
  curl_easy_setopt(curl, CURLOPT_HTTP_CONTENT_DECODING, 0L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  if (!config.proxy.empty()) curl_easy_setopt(curl, CURLOPT_PROXY, config.proxy.c_str());

  char error_buffer[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  CURLcode rc = curl_easy_perform(curl);

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
    DecodeBody(transfer.content_encoding, config.max_bytes, &response);
    return response;
  }
  std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
  switch (rc) {
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:
      response.too_large = true;
      response.error = "body over max_bytes (" + std::to_string(config.max_bytes) + ")";
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
    case CURLE_COULDNT_CONNECT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
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
  return response;
}

}  // namespace tradewire
