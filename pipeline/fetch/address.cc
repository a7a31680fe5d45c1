#include "pipeline/fetch/address.h"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <string>

namespace tradewire {
namespace {

AddressClass ClassifyV4(std::uint32_t a) {  // host byte order
  auto in = [a](std::uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
  if (a == 0xA9FEA9FE) return AddressClass::kMetadata;  // 169.254.169.254
  if (in(0x00000000, 8) || in(0x7F000000, 8) || in(0x0A000000, 8) || in(0xAC100000, 12) || in(0xC0A80000, 16) ||
      in(0x64400000, 10) || in(0xA9FE0000, 16) || in(0xE0000000, 4) || in(0xF0000000, 4)) {
    return AddressClass::kPrivate;  // this host, loopback, RFC 1918, CGNAT, link-local, multicast, reserved
  }
  return AddressClass::kPublic;
}

}  // namespace

AddressClass ClassifyAddress(std::string_view numeric_ip) {
  std::string ip(numeric_ip);
  if (std::size_t zone = ip.find('%'); zone != std::string::npos) ip.resize(zone);  // fe80::1%eth0
  in_addr v4{};
  if (inet_pton(AF_INET, ip.c_str(), &v4) == 1) return ClassifyV4(ntohl(v4.s_addr));
  std::array<unsigned char, 16> b{};
  if (inet_pton(AF_INET6, ip.c_str(), b.data()) != 1) return AddressClass::kPrivate;  // cannot tell: refuse
  auto v4_at_end = [&b] {
    return static_cast<std::uint32_t>(b[12]) << 24 | static_cast<std::uint32_t>(b[13]) << 16 |
           static_cast<std::uint32_t>(b[14]) << 8 | b[15];
  };
  bool zero_prefix = true;
  for (int i = 0; i < 10; ++i) zero_prefix = zero_prefix && b[i] == 0;
  if (zero_prefix && b[10] == 0xFF && b[11] == 0xFF) return ClassifyV4(v4_at_end());  // ::ffff:a.b.c.d
  if (zero_prefix && b[10] == 0 && b[11] == 0) return AddressClass::kPrivate;           // ::, ::1, ::a.b.c.d
  static constexpr std::array<unsigned char, 16> kMetadataV6 = {0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0,
                                                                0,    0,    0,    0,    0, 0, 0x02, 0x54};
  if (b == kMetadataV6) return AddressClass::kMetadata;
  if ((b[0] & 0xFE) == 0xFC) return AddressClass::kPrivate;                     // fc00::/7 unique-local
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return AddressClass::kPrivate;     // fe80::/10 link-local
  if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return AddressClass::kPrivate;     // fec0::/10 site-local
  if (b[0] == 0xFF) return AddressClass::kPrivate;                              // multicast
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) return ClassifyV4(v4_at_end());  // NAT64
  return AddressClass::kPublic;
}

std::string_view RefusalReason(Reach reach, AddressClass address, int hop, bool first_hop_private) {
  if (reach == Reach::kAnywhere || address == AddressClass::kPublic) return {};
  if (reach == Reach::kConfigured && hop == 0) return {};  // the operator named this URL
  if (address == AddressClass::kMetadata) {
    return "a cloud metadata address (set [fetch] allow_private_networks = true to allow)";
  }
  if (reach == Reach::kIntranet || (reach == Reach::kConfigured && first_hop_private)) return {};
  return reach == Reach::kConfigured
             ? "a private address reached by a redirect from a public one ([fetch] allow_private_networks)"
             : "a private address learned from a public listing ([fetch] allow_private_networks)";
}

}  // namespace tradewire
