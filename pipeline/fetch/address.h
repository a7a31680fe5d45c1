// Which network an IP address (as libcurl reports the one it connected to) belongs to, so that URLs learned
// from the web cannot reach an operator's own machines. Only numeric addresses are classified: a host name is
// resolved by libcurl first, so every spelling of an address (2130706433, 0x7f.1, 127.1, ::ffff:127.0.0.1)
// arrives here as the address it means.
#pragma once

#include <string_view>

namespace tradewire {

enum class AddressClass {
  kPublic,
  kPrivate,   // loopback, RFC 1918, CGNAT, link-local, unique-local, unspecified (and anything unparseable)
  kMetadata,  // cloud instance metadata (169.254.169.254, fd00:ec2::254): private, and refused even on an intranet
};

AddressClass ClassifyAddress(std::string_view numeric_ip);

// Which addresses one transfer may connect to; checked on every hop of a redirect chain. Ordered from the widest
// to the narrowest (the Fetcher compares them).
enum class Reach {
  kAnywhere,    // [fetch] allow_private_networks = true
  kConfigured,  // a configured source URL: trusted; its redirects may stay private only if it was private
  kIntranet,    // learned from a listing served from a private address: private addresses, not metadata
  kPublic,      // learned from a public listing: public addresses only
};

// Empty when `reach` allows connecting to `numeric_ip` on hop `hop` (0 first); else why not, for the failure.
std::string_view RefusalReason(Reach reach, AddressClass address, int hop, bool first_hop_private);

}  // namespace tradewire
