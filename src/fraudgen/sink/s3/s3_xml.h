// The little XML the S3 API needs: reading one element's text, escaping text to send.
#pragma once
#include <string>
#include <string_view>

namespace fraudgen {

// The text of the first <tag>...</tag> at or after *pos (0 when null) in `xml`, with the five
// predefined entities and numeric references decoded; empty when absent. Advances *pos past it.
std::string xml_text(std::string_view xml, std::string_view tag, size_t* pos = nullptr);
// The same element's content as it stands (nested elements and entities untouched), for
// reading the fields of repeated elements such as <Contents> or <Upload>.
std::string_view xml_block(std::string_view xml, std::string_view tag, size_t* pos = nullptr);

std::string xml_escape(std::string_view s);

}  // namespace fraudgen
