// An event as one JSON line: {"seq":N,"type":"transactions","event_time":"...","data":{the row}}.
// The row is exactly generate's JSONL line, so `data` can be compared with the batch output.
#pragma once
#include <string>

#include "fraudgen/stream/stream_event.h"

namespace fraudgen {

void append_event_line(const StreamEvent& event, std::string& out);

}  // namespace fraudgen
