#include "pipeline/serialize.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

#include "extractors/text/utf8.h"

namespace tradewire {
namespace {

using nlohmann::json;

json OrNull(const std::string& s) { return s.empty() ? json() : json(s); }

constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// RFC 4648 base64 with padding: raw bodies may be in any charset, JSON strings must be UTF-8.
std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k) group = (group << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    out += kBase64Alphabet[(group >> 18) & 0x3F];
    out += kBase64Alphabet[(group >> 12) & 0x3F];
    out += n > 1 ? kBase64Alphabet[(group >> 6) & 0x3F] : '=';
    out += n > 2 ? kBase64Alphabet[group & 0x3F] : '=';
  }
  return out;
}

// The bytes of RFC 4648 base64 text; throws std::invalid_argument when it is not.
std::string Base64Decode(std::string_view text) {
  static const std::array<int, 256> kValue = [] {
    std::array<int, 256> value{};
    value.fill(-1);
    for (std::size_t i = 0; i < kBase64Alphabet.size(); ++i) {
      value[static_cast<unsigned char>(kBase64Alphabet[i])] = static_cast<int>(i);
    }
    return value;
  }();
  if (text.size() % 4 != 0) throw std::invalid_argument("base64 length is not a multiple of 4");
  std::size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t group = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    int value = i >= text.size() - padding ? 0 : kValue[static_cast<unsigned char>(text[i])];
    if (value < 0) throw std::invalid_argument("not base64 at character " + std::to_string(i));
    group = (group << 6) | static_cast<std::uint32_t>(value);
    if (i % 4 == 3) {
      for (int shift : {16, 8, 0}) out += static_cast<char>((group >> shift) & 0xFF);
      group = 0;
    }
  }
  out.resize(out.size() - padding);
  return out;
}

std::string StringOrEmpty(const json& row, const char* key) {
  const json& value = row.at(key);
  return value.is_null() ? "" : value.get<std::string>();
}

json DocumentToJson(const FetchedDocument& d) {
  return {{"source", d.source},           {"url", d.url},
          {"final_url", d.final_url},     {"http_status", d.http_status},
          {"content_type", d.content_type}, {"etag", d.etag},
          {"last_modified", d.last_modified}, {"warc_date", d.warc_date},
          {"fetched_at", d.fetched_at},
          {"date_hint", d.date_hint},     {"title_hint", d.title_hint},
          {"body_base64", Base64Encode(d.body)}};
}

FetchedDocument DocumentFromJson(const json& j) {
  FetchedDocument d;
  d.source = j.at("source").get<std::string>();
  d.url = j.at("url").get<std::string>();
  d.final_url = j.at("final_url").get<std::string>();
  d.http_status = j.at("http_status").get<int>();
  d.content_type = j.at("content_type").get<std::string>();
  d.etag = j.at("etag").get<std::string>();
  d.last_modified = j.at("last_modified").get<std::string>();
  d.warc_date = j.at("warc_date").get<std::string>();
  d.fetched_at = j.at("fetched_at").get<std::string>();
  d.date_hint = j.at("date_hint").get<std::string>();
  d.title_hint = j.at("title_hint").get<std::string>();
  d.body = Base64Decode(j.at("body_base64").get<std::string>());
  if (d.url.empty()) throw std::invalid_argument("document.url is empty");
  return d;
}

PageKind PageKindFromName(const std::string& name) {
  for (PageKind kind : {PageKind::kArticle, PageKind::kIndex, PageKind::kError, PageKind::kConsentWall,
                        PageKind::kEmpty}) {
    if (name == PageKindName(kind)) return kind;
  }
  throw std::invalid_argument("unknown page kind '" + name + "'");
}

Article ArticleFromJson(const json& j) {
  Article a;
  a.url = StringOrEmpty(j, "url");
  a.canonical_url = StringOrEmpty(j, "canonical_url");
  a.kind = PageKindFromName(j.at("kind").get<std::string>());
  a.title = StringOrEmpty(j, "title");
  a.authors = j.at("authors").get<std::vector<std::string>>();
  a.published = StringOrEmpty(j, "published");
  a.published_source = StringOrEmpty(j, "published_source");
  if (!a.published_source.empty() && a.published_source != "page" && a.published_source != "feed" &&
      a.published_source != "http" && a.published_source != "warc") {
    throw std::invalid_argument("unknown published_source '" + a.published_source + "'");
  }
  a.modified = StringOrEmpty(j, "modified");
  if (const json& dateline = j.at("dateline"); !dateline.is_null()) {
    a.dateline = Dateline{dateline.at("place").get<std::string>(), StringOrEmpty(dateline, "date"),
                          StringOrEmpty(dateline, "agency")};
  }
  a.language = StringOrEmpty(j, "language");
  a.site_name = StringOrEmpty(j, "site_name");
  a.description = StringOrEmpty(j, "description");
  a.text = j.at("text").get<std::string>();
  return a;
}

// Offsets [start, end) must lie inside a text of `length` code points.
void CheckSpan(std::size_t start, std::size_t end, std::size_t length, const std::string& what) {
  if (start >= end || end > length) {
    throw std::invalid_argument(what + " [" + std::to_string(start) + ", " + std::to_string(end) +
                                ") is not inside the text (" + std::to_string(length) + " characters)");
  }
}

Mention MentionFromJson(const json& j, std::size_t text_length) {
  Mention m{j.at("type").get<std::string>(), j.at("start").get<std::size_t>(), j.at("end").get<std::size_t>(),
            j.at("text").get<std::string>(), j.at("value")};
  CheckSpan(m.start, m.end, text_length, "mention '" + m.text + "'");
  return m;
}

Event EventFromJson(const json& j, std::size_t text_length) {
  Event e;
  e.kind = j.at("kind").get<std::string>();
  e.start_date = StringOrEmpty(j, "start_date");
  e.end_date = StringOrEmpty(j, "end_date");
  e.place = StringOrEmpty(j, "place");
  e.participants = j.at("participants").get<std::vector<std::string>>();
  e.attributes = j.at("attributes");
  for (const json& evidence : j.at("evidence")) {
    Evidence span{evidence.at("start").get<std::size_t>(), evidence.at("end").get<std::size_t>(),
                  evidence.at("text").get<std::string>()};
    CheckSpan(span.start, span.end, text_length, e.kind + " evidence");
    e.evidence.push_back(std::move(span));
  }
  return e;
}

}  // namespace

nlohmann::json MentionToJson(const Mention& mention) {
  return {{"type", mention.type},
          {"start", mention.start},
          {"end", mention.end},
          {"text", mention.text},
          {"value", mention.value}};
}

nlohmann::json EventToJson(const Event& event) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const Evidence& e : event.evidence) evidence.push_back({{"start", e.start}, {"end", e.end}, {"text", e.text}});
  return {{"kind", event.kind},
          {"start_date", OrNull(event.start_date)},
          {"end_date", OrNull(event.end_date)},
          {"place", OrNull(event.place)},
          {"participants", event.participants},
          {"attributes", event.attributes.is_null() ? nlohmann::json::object() : event.attributes},
          {"evidence", evidence}};
}

nlohmann::json ArticleToJson(const Article& article) {
  nlohmann::json dateline;
  if (article.dateline) {
    dateline = {{"place", article.dateline->place},
                {"date", OrNull(article.dateline->date)},
                {"agency", OrNull(article.dateline->agency)}};
  }
  return {{"url", OrNull(article.url)},
          {"canonical_url", OrNull(article.canonical_url)},
          {"kind", PageKindName(article.kind)},
          {"title", OrNull(article.title)},
          {"authors", article.authors},
          {"published", OrNull(article.published)},
          {"published_source", OrNull(article.published_source)},
          {"modified", OrNull(article.modified)},
          {"dateline", dateline},
          {"language", OrNull(article.language)},
          {"site_name", OrNull(article.site_name)},
          {"description", OrNull(article.description)},
          {"text", article.text}};
}

json ExtractedToJson(const FetchedDocument& document, const ProcessedDocument& processed,
                     std::string_view processor_version, bool with_document) {
  json row = ArticleToJson(processed.article);
  row["mentions"] = json::array();
  for (const Mention& mention : processed.mentions) row["mentions"].push_back(MentionToJson(mention));
  row["events"] = json::array();
  for (const Event& event : processed.events) row["events"].push_back(EventToJson(event));
  row["charset"] = OrNull(processed.charset);
  row["processor_version"] = std::string(processor_version);
  if (with_document) row["document"] = DocumentToJson(document);
  return row;
}

StatusOr<ExtractedRow> ExtractedFromJson(const json& row) {
  try {
    if (!row.is_object()) throw std::invalid_argument("not a JSON object");
    ExtractedRow extracted;
    extracted.document = DocumentFromJson(row.at("document"));
    extracted.processed.article = ArticleFromJson(row);
    const std::size_t length = CodePointCount(extracted.processed.article.text);
    for (const json& mention : row.at("mentions")) {
      extracted.processed.mentions.push_back(MentionFromJson(mention, length));
    }
    for (const json& event : row.at("events")) extracted.processed.events.push_back(EventFromJson(event, length));
    extracted.processed.charset = StringOrEmpty(row, "charset");
    extracted.processor_version = row.at("processor_version").get<std::string>();
    if (extracted.processor_version.empty()) throw std::invalid_argument("processor_version is empty");
    FingerprintArticle(&extracted.processed);
    return extracted;
  } catch (const json::exception& e) {
    // "[json.exception.out_of_range.403] key 'document' not found": the reader wants the part after the tag.
    std::string_view what = e.what();
    if (std::size_t tag_end = what.find("] "); what.starts_with("[json.") && tag_end != what.npos) {
      what.remove_prefix(tag_end + 2);
    }
    return Status::InvalidArgument("not an extracted row: " + std::string(what));
  } catch (const std::invalid_argument& e) {
    return Status::InvalidArgument(std::string("not an extracted row: ") + e.what());
  }
}

}  // namespace tradewire
