// A small PNG reader for tests that look at screenshots: 8-bit RGB and RGBA, not interlaced (what Chromium writes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tradewire::testing {

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint32_t> pixels;  // 0xRRGGBB per pixel, row by row (alpha dropped)
  std::string error;                  // why the bytes could not be read; empty when they could
};

Image DecodePng(std::string_view bytes);

}  // namespace tradewire::testing
