// Small helpers over Gumbo's tree shared by the extractor's modules. Internal to extractors/html.
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

namespace tradewire {

// The attribute's value, or nullptr when the node is not an element or has no such attribute.
inline const char* Attr(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr ? attr->value : nullptr;
}

// Visits elements in document order without recursion (pages can nest deeply); `visit` returns false to skip
// the element's subtree.
template <typename Visit>
void ForEachElement(const GumboNode* root, Visit visit) {
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    if (!visit(node)) continue;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
}

}  // namespace tradewire
