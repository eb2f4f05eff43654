// Text into HTML and XML: the five characters with a meaning in markup become
// character references (& < > " '), the rest is copied as is. Used by the
// search highlights, the bulletin's HTML and DOCX exports.
#pragma once

#include <string>
#include <string_view>

namespace gonghui {

// Appends `text` escaped to `out`.
void AppendEscapedMarkup(std::string& out, std::string_view text);

// `text` escaped.
inline std::string EscapeMarkup(std::string_view text) {
  std::string out;
  AppendEscapedMarkup(out, text);
  return out;
}

}  // namespace gonghui
