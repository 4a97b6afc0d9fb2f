#include "fraudgen/stream/event_line.h"

#include <charconv>

#include "fraudgen/core/civil_time.h"

namespace fraudgen {

void append_event_line(const StreamEvent& event, std::string& out) {
  char head[160];
  char* p = head;
  constexpr std::string_view seq = "{\"seq\":", type = ",\"type\":\"", time = "\",\"event_time\":\"", data = "\",\"data\":";
  p = std::copy(seq.begin(), seq.end(), p);
  p = std::to_chars(p, head + sizeof head, event.seq).ptr;
  p = std::copy(type.begin(), type.end(), p);
  const std::string_view name = schema_of(event.table()).name;
  p = std::copy(name.begin(), name.end(), p);
  p = std::copy(time.begin(), time.end(), p);
  p = write_timestamp_brt(p, event.key.time_ms);
  p = std::copy(data.begin(), data.end(), p);
  out.append(head, p);
  out.append(event.payload);
  out.append("}\n");
}

}  // namespace fraudgen
