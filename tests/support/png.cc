#include "tests/support/png.h"

#include <cstdlib>

#include <zlib.h>

namespace tradewire::testing {
namespace {

std::uint32_t BigEndian32(std::string_view bytes, std::size_t at) {
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])); };
  return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

int Paeth(int a, int b, int c) {
  int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

// Undoes the per-row filters (PNG §9) in place; `raw` holds one filter byte before each row.
bool Unfilter(std::string& raw, int height, std::size_t stride, int channels) {
  for (int y = 0; y < height; ++y) {
    unsigned char* row = reinterpret_cast<unsigned char*>(&raw[y * (stride + 1)]);
    unsigned char* prior = y ? row - (stride + 1) : nullptr;
    int filter = row[0];
    for (std::size_t x = 1; x <= stride; ++x) {
      int a = x > static_cast<std::size_t>(channels) ? row[x - channels] : 0;
      int b = prior ? prior[x] : 0;
      int c = prior && x > static_cast<std::size_t>(channels) ? prior[x - channels] : 0;
      int add = filter == 0 ? 0 : filter == 1 ? a : filter == 2 ? b : filter == 3 ? (a + b) / 2 : filter == 4 ? Paeth(a, b, c) : -1;
      if (add < 0) return false;
      row[x] = static_cast<unsigned char>(row[x] + add);
    }
  }
  return true;
}

}  // namespace

Image DecodePng(std::string_view bytes) {
  Image image;
  if (bytes.size() < 8 || bytes.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    image.error = "not a PNG";
    return image;
  }
  std::string compressed;
  int depth = 0, colour = 0, interlace = 0;
  for (std::size_t at = 8; at + 12 <= bytes.size();) {
    std::uint32_t length = BigEndian32(bytes, at);
    std::string_view type = bytes.substr(at + 4, 4);
    if (at + 12 + length > bytes.size()) break;
    std::string_view data = bytes.substr(at + 8, length);
    if (type == "IHDR" && length >= 13) {
      image.width = static_cast<int>(BigEndian32(data, 0));
      image.height = static_cast<int>(BigEndian32(data, 4));
      depth = static_cast<unsigned char>(data[8]);
      colour = static_cast<unsigned char>(data[9]);
      interlace = static_cast<unsigned char>(data[12]);
    } else if (type == "IDAT") {
      compressed.append(data);
    }
    at += 12 + length;
  }
  int channels = colour == 2 ? 3 : colour == 6 ? 4 : 0;
  if (depth != 8 || channels == 0 || interlace != 0 || image.width <= 0 || image.height <= 0) {
    image.error = "unsupported PNG (only 8-bit RGB or RGBA, not interlaced)";
    return image;
  }
  std::size_t stride = static_cast<std::size_t>(image.width) * channels;
  std::string raw(image.height * (stride + 1), '\0');
  uLongf size = raw.size();
  if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &size, reinterpret_cast<const Bytef*>(compressed.data()),
                 compressed.size()) != Z_OK || size != raw.size() ||
      !Unfilter(raw, image.height, stride, channels)) {
    image.error = "corrupt image data";
    return image;
  }
  image.pixels.reserve(static_cast<std::size_t>(image.width) * image.height);
  for (int y = 0; y < image.height; ++y) {
    const unsigned char* row = reinterpret_cast<const unsigned char*>(&raw[y * (stride + 1) + 1]);
    for (int x = 0; x < image.width; ++x) {
      const unsigned char* p = row + x * channels;
      image.pixels.push_back(static_cast<std::uint32_t>(p[0]) << 16 | p[1] << 8 | p[2]);
    }
  }
  return image;
}

}  // namespace tradewire::testing
