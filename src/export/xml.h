// XML text escaping shared by the XML writers: markup characters become entities and the characters
// XML 1.0 forbids (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF) are dropped, so
// any name or sentence from the store yields a well-formed file. Input must be valid UTF-8.
#ifndef AG_EXPORT_XML_H_
#define AG_EXPORT_XML_H_

#include <string>
#include <string_view>

namespace ag::xml {

// Appends `s` escaped for element content and attribute values (double-quoted) to *out.
void AppendEscaped(std::string_view s, std::string* out);

}  // namespace ag::xml

#endif  // AG_EXPORT_XML_H_
