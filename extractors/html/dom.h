// Small helpers over Gumbo's tree shared by the extractor's modules. Internal to extractors/html.
#pragma once

#include <gumbo.h>

namespace tradewire {

// The attribute's value, or nullptr when the node is not an element or has no such attribute.
inline const char* Attr(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr ? attr->value : nullptr;
}

}  // namespace tradewire
